export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}
