/**
 * @module
 * The command registry: one line per command file. Each entry adds its subcommand to the program.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerEmulatorCommand } from './emulator.js';
import { registerSynthCommand } from './synth.js';

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commands: readonly RegisterCommand[] = [registerSynthCommand, registerEmulatorCommand];
