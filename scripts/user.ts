// Recovering access from a shell (audited as the system actor):
//   npm run user -- create --email a@b.c [--name N] [--admin]   prints a generated password once
//   npm run user -- reset-password --email a@b.c                  prints a new generated password
//   npm run user -- disable --email a@b.c | enable --email a@b.c
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { systemActor } from '@/lib/access/actor';
import { db, disconnectDb } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { setUserDisabled } from '@/lib/users/set-user-disabled';
import { connectLocalDatabase, type LocalDatabase } from './lib/local-database';

const usage = `Usage:
  user create --email <email> [--name <name>] [--admin]
  user reset-password --email <email>
  user disable --email <email>
  user enable --email <email>`;

async function findUserId(email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new BerthError('FORBIDDEN_OR_NOT_FOUND', `No user has the email ${email}.`);
  return user.id;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, admin: { type: 'boolean', default: false } },
  });
  const [command] = positionals;
  if (!command || !values.email) throw new BerthError('INVALID_INPUT', usage);
  if (command === 'create') {
    const { user, generatedPassword } = await createUser(systemActor, { email: values.email, name: values.name, isAdmin: values.admin });
    console.log(`Created ${user.isAdmin ? 'admin ' : ''}${user.email}`);
    console.log(`Password (shown once): ${generatedPassword}`);
  } else if (command === 'reset-password') {
    const { user, generatedPassword } = await resetUserPassword(systemActor, { userId: await findUserId(values.email) });
    console.log(`New password for ${user.email} (shown once; their sessions were ended): ${generatedPassword}`);
  } else if (command === 'disable' || command === 'enable') {
    const user = await setUserDisabled(systemActor, { userId: await findUserId(values.email), disabled: command === 'disable' });
    console.log(`${user.email} is now ${user.isDisabled ? 'disabled (sessions ended)' : 'enabled'}`);
  } else {
    throw new BerthError('INVALID_INPUT', usage);
  }
}

async function run(): Promise<number> {
  let database: LocalDatabase | undefined;
  try {
    database = await connectLocalDatabase();
    // lib/env reads process.env lazily, so this reaches the first database call.
    process.env.DATABASE_URL = database.url;
    await main(process.argv.slice(2));
    return 0;
  } catch (error) {
    console.error(error instanceof BerthError || (error instanceof Error && !database) ? error.message : error);
    return 1;
  } finally {
    await disconnectDb().catch(() => {});
    await database?.release();
  }
}

run().then((code) => process.exit(code));
