import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<string, BadgeTone> = { VIEWER: 'neutral', DEPLOYER: 'info', MAINTAINER: 'warning' };
const labels: Record<string, string> = { VIEWER: 'Viewer', DEPLOYER: 'Deployer', MAINTAINER: 'Maintainer' };

export function GrantRoleBadge({ role }: { role: string }) {
  return <Badge tone={tones[role] ?? 'neutral'}>{labels[role] ?? role}</Badge>;
}
