import { redirect } from 'next/navigation';
import { requireAdminPage } from '@/lib/auth/guards';

export default async function AdminIndex() {
  await requireAdminPage();
  redirect('/admin/users');
}
