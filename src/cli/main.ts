import { Command, CommanderError } from 'commander';
import { registerDbCommands } from './db.ts';
import { registerImportCommands } from './import.ts';
import { registerStatusCommands } from './status.ts';
import { registerUserCommands } from './user.ts';
import { registerLibraryCommands } from './library.ts';
import { registerProgrammeCommands } from './programme.ts';
import { registerIndicatorCommands } from './indicators.ts';
import { registerFilesCommands } from './files.ts';
import { reportError } from './context.ts';

const program = new Command('lexpact')
  .description(
    'Lexpact: treaty status register and legal technical assistance against terrorism.\nUses LEXPACT_DATABASE_URL (PostgreSQL) when set, otherwise the embedded database in LEXPACT_DATA_DIR (default ./.lexpact).',
  )
  .showHelpAfterError()
  .exitOverride();

registerDbCommands(program);
registerImportCommands(program);
registerStatusCommands(program);
registerUserCommands(program);
registerLibraryCommands(program);
registerProgrammeCommands(program);
registerIndicatorCommands(program);
registerFilesCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    reportError(error);
  }
}
