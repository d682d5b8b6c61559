import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { loadConfig, readPolicyFile } from '../config';
import { loadNotificationConfig } from '../engine/notifications/notification-config';
import { withConsoleInbox } from '../app/notifications/console-inbox';
import { releasedTasksNotice } from '../app/notifications/task-notifications';
import { AppError, ValidationError } from '../domain/errors';
import { Database, openDatabase } from '../persistence/database';
import {
  createDepartment, createUser, deactivateUser, issueToken, listTokens, listUsers, reactivateUser, revokeToken, seedDemoOrganisation, setPassword,
  updateUser, type ReleasedTasksNotice, type UserSummary,
} from '../app/identity';

/** Where a `users` command reads and writes: the process's own streams, or a test's. */
export interface UsersCliIo {
  dbUrl: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
}

/**
 * Identity administration: `npm run users -- <command>`. Opens the database `io.dbUrl` names (the command line
 * passes the configuration's, which DB_URL overrides) and runs pending migrations first.
 */
function buildProgram(io: UsersCliIo): Command {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  const withDatabase = (work: (db: Database) => Promise<void>) => usingDatabase(io.dbUrl, work);
  const printTable = (header: string[], rows: string[][]) => tableLines(header, rows).forEach(print);
  const program = new Command('users')
    .description('Manage departments, users and API tokens of complaint-flow (DB_URL selects the database)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program.command('create-department')
    .description('Create a department')
    .requiredOption('--code <code>', 'pinyin initials used in complaint numbers, e.g. KF')
    .requiredOption('--name <name>', 'name, e.g. 客户服务部')
    .action((options: { code: string; name: string }) => withDatabase(async (db) => {
      const department = await createDepartment(db, options);
      print(`Created department ${department.code} ${department.name} (${department.id})`);
    }));

  program.command('create-user')
    .description('Create a user in a department with one or more groups')
    .requiredOption('--username <username>', 'login name, lower case')
    .requiredOption('--name <displayName>', 'display name, e.g. 张敏')
    .requiredOption('--department <code>', 'department code, e.g. KF')
    .requiredOption('--groups <groups>', 'comma-separated groups, e.g. service-desk,quality')
    .option('--head-of <groups>', 'comma-separated groups the user heads (implies membership)')
    .option('--heads-departments <codes>', 'comma-separated further departments whose department-scoped tasks the user works on, e.g. GC,SC')
    .action((options: { username: string; name: string; department: string; groups: string; headOf?: string; headsDepartments?: string }) => withDatabase(async (db) => {
      const user = await createUser(db, {
        username: options.username,
        displayName: options.name,
        departmentCode: options.department,
        groups: splitList(options.groups),
        headOf: splitList(options.headOf),
        headsDepartments: splitList(options.headsDepartments),
      });
      print(`Created user ${describeUser(user)}`);
    }));

  program.command('update-user')
    .description('Change a user\'s name, department, groups or headships (what is given replaces what was); takes effect on their next request')
    .requiredOption('--username <username>', 'login name')
    .option('--name <displayName>', 'display name')
    .option('--department <code>', 'department code, e.g. YW')
    .option('--groups <groups>', 'comma-separated groups: the whole new list')
    .option('--head-of <groups>', 'comma-separated groups the user heads: the whole new list ("" for none)')
    .option('--heads-departments <codes>', 'comma-separated further departments they head: the whole new list ("" for none)')
    .action((options: { username: string; name?: string; department?: string; groups?: string; headOf?: string; headsDepartments?: string }) => withDatabase(async (db) => {
      const user = await updateUser(db, options.username, {
        displayName: options.name,
        departmentCode: options.department,
        groups: options.groups === undefined ? undefined : splitList(options.groups),
        headOf: options.headOf === undefined ? undefined : splitList(options.headOf),
        headsDepartments: options.headsDepartments === undefined ? undefined : splitList(options.headsDepartments),
      });
      print(`Updated user ${describeUser(user)}`);
    }));

  program.command('deactivate-user')
    .description('A user who left: refuses their sign-in, ends their sessions and revokes their tokens; their tasks become claimable by the tasks\' other candidates')
    .argument('<username>')
    .action((username: string) => withDatabase(async (db) => {
      const notice = releasedTasksNoticeOf(db);
      if ('problem' in notice) io.stderr.write(`The tasks' candidates cannot be told (${notice.problem}); the user is deactivated all the same.\n`);
      const { user, revokedTokens, heldTasks, announcedTasks } = await deactivateUser(db, username, 'notice' in notice ? notice.notice : undefined);
      print(`Deactivated ${user.username} ${user.displayName}: sessions ended, ${revokedTokens} token${revokedTokens === 1 ? '' : 's'} revoked.`);
      if (heldTasks.length === 0) {
        print('They held no open task.');
        return;
      }
      print(`They held ${heldTasks.length} open task${heldTasks.length === 1 ? '' : 's'}; any other candidate of a task may now claim it:`);
      printTable(['task', 'step', 'process', 'complaint / key', 'groups', 'candidates told'], heldTasks.map((t) => [
        t.id, t.name ?? '', t.processKey, t.businessKey ?? '', t.candidateGroups.join(','), t.candidatesTold ? 'yes' : 'no',
      ]));
      const claimable = heldTasks.filter((t) => t.othersMayClaim);
      if (announcedTasks > 0) print('Candidates marked "yes" were told: in the console inbox now, by mail and group chat once a server delivers the queue.');
      else if (claimable.length > 0) print('Their candidates were not told (no taskReleased template in the notifications config): tell the groups\' heads.');
      const orphans = heldTasks.length - claimable.length;
      if (orphans > 0) {
        print(`${orphans} task${orphans === 1 ? ' was' : 's were'} offered to ${user.username} alone, by name: nobody else may claim ${orphans === 1 ? 'it' : 'them'}. `
          + 'Offer the step to a group in its diagram and migrate the instance, or reactivate the user to hand it over.');
      }
    }));

  program.command('reactivate-user')
    .description('Let a deactivated user sign in again (issue new API tokens if they need them)')
    .argument('<username>')
    .action((username: string) => withDatabase(async (db) => {
      const user = await reactivateUser(db, username);
      print(`Reactivated ${describeUser(user)}`);
    }));

  program.command('issue-token')
    .description('Issue an API token; it is printed once and cannot be shown again')
    .argument('<username>')
    .option('--label <label>', 'what the token is for, e.g. "laptop"')
    .action((username: string, options: { label?: string }) => withDatabase(async (db) => {
      const issued = await issueToken(db, { username, label: options.label });
      print(`Token ${issued.id} for ${issued.username}${issued.label ? ` (${issued.label})` : ''}. Store it now, it is not shown again:`);
      print(issued.token);
    }));

  program.command('revoke-token')
    .description('Revoke an API token by its id')
    .argument('<id>')
    .action((id: string) => withDatabase(async (db) => {
      const token = await revokeToken(db, id);
      print(`Revoked token ${token.id} of ${token.username}`);
    }));

  program.command('list-tokens')
    .description('List token ids, labels and use (never the tokens themselves)')
    .argument('[username]')
    .action((username: string | undefined) => withDatabase(async (db) => {
      const tokens = await listTokens(db, username);
      printTable(['id', 'user', 'label', 'created', 'last used', 'revoked'], tokens.map((t) => [
        t.id, t.username, t.label ?? '', t.createdAt.toISOString(), t.lastUsedAt?.toISOString() ?? '', t.revokedAt?.toISOString() ?? '',
      ]));
    }));

  program.command('set-password')
    .description('Set a console password, read from standard input (typed without echo, or piped); ends the user\'s sessions')
    .argument('<username>')
    .action((username: string) => withDatabase(async (db) => {
      const password = await readSecretLine(io, `New password for ${username}: `);
      const result = await setPassword(db, { username, password });
      print(`Password of ${result.username} set; their console sessions have ended.`);
    }));

  program.command('reset-password')
    .description('Give the user a new random console password, printed once; ends the user\'s sessions')
    .argument('<username>')
    .action((username: string) => withDatabase(async (db) => {
      const result = await setPassword(db, { username });
      print(`New password of ${result.username} (shown once, their console sessions have ended):`);
      print(result.password);
    }));

  program.command('list-users')
    .description('List users with department, groups (* = head) and number of active tokens')
    .action(() => withDatabase(async (db) => {
      const users = await listUsers(db);
      printTable(['username', 'name', 'dept', 'groups', 'active', 'tokens'], users.map((u) => [
        u.username, u.displayName, u.departmentCode,
        u.groups.map((g) => (u.headOf.includes(g) ? `${g}*` : g)).join(','), u.active ? 'yes' : 'no', String(u.activeTokens),
      ]));
    }));

  program.command('seed-demo')
    .description('Create the demo organisation (idempotent); prints a token and a password for each demo user that had none')
    .action(() => withDatabase(async (db) => {
      const result = await seedDemoOrganisation(db, { passwords: true });
      print(`Departments created: ${result.createdDepartments.join(', ') || 'none'}; users created: ${result.createdUsers.join(', ') || 'none'}`);
      if (result.tokens.length === 0) print('Every demo user already has a token; revoke one to get a new one here.');
      for (const { username, displayName, token } of result.tokens) print(`${username.padEnd(10)} ${displayName}\t${token}`);
      for (const { username, password } of result.passwords) print(`${username.padEnd(10)} password ${password}`);
    }));

  return program;
}

function describeUser(user: UserSummary): string {
  return `${user.username} ${user.displayName} in ${user.departmentCode}, groups ${user.groups.join(', ')}`
    + (user.headOf.length > 0 ? `, head of ${user.headOf.join(', ')}` : '');
}

/**
 * How the server tells staff about a task (config/notifications.json, the console inbox of the policy's groups),
 * so that a deactivation tells the candidates of the tasks it releases; a problem with that configuration does not
 * stop the deactivation.
 */
function releasedTasksNoticeOf(db: Database): { notice: ReleasedTasksNotice } | { problem: string } {
  try {
    const policy = readPolicyFile(loadConfig().policyFile);
    return { notice: releasedTasksNotice(withConsoleInbox(loadNotificationConfig(), policy.departmentScopedGroups, db)) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

async function usingDatabase(dbUrl: string, work: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase(dbUrl);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

/** One line of standard input; on a terminal the typed characters are not echoed. */
function readSecretLine(io: UsersCliIo, prompt: string): Promise<string> {
  const input = io.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      let text = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => { text += chunk; });
      input.on('end', () => resolve(text.split(/\r?\n/)[0]));
      input.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    io.stderr.write(prompt);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    let typed = '';
    const onData = (key: string) => {
      for (const char of key) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode?.(false);
          input.off('data', onData);
          input.pause();
          io.stderr.write('\n');
          return resolve(typed);
        }
        if (char === '\u0003') process.exit(130);
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

function tableLines(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(...[header, ...rows].map((row) => displayWidth(row[column]))));
  const pad = (cell: string, width: number) => cell + ' '.repeat(width - displayWidth(cell));
  return [header, ...rows].map((row) => row.map((cell, column) => pad(cell, widths[column])).join('  ').trimEnd());
}

/** Terminal columns of the text: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

function reportFailure(io: UsersCliIo, error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has written its message (and the help)
  if (error instanceof AppError) {
    io.stderr.write(`Error: ${error.message}\n`);
    if (error instanceof ValidationError) {
      for (const field of error.fields) io.stderr.write(`  ${field.field}: ${field.messages.join('; ')}\n`);
    }
  } else {
    io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  }
  return 1;
}

/** Runs one `users` command (`args` without node and the script); resolves to the process exit code. */
export async function runUsersCommand(args: readonly string[], io: UsersCliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return reportFailure(io, error);
  }
}
