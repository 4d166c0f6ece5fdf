// Pages turn the domain's "not found or not allowed" answer into Next's 404, so both look the same.
import { notFound } from 'next/navigation';
import { BerthError } from '@/lib/errors';

export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') notFound();
    throw error;
  }
}
