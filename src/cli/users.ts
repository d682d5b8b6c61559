import { loadConfig } from '../config';
import { runUsersCommand } from './users-command';

// `npm run users -- <command>`: identity administration (see users-command.ts).
runUsersCommand(process.argv.slice(2), { dbUrl: loadConfig().dbUrl, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin })
  .then((code) => { process.exitCode = code; });
