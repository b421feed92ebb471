/* va-cli.h — the commands of virtual-agent-cli, one file each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-bot.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
#define VA_CLI_OK       0
#define VA_CLI_FAILED   1 /* a bot has problems, a script did not match, a file could not be read */
#define VA_CLI_USAGE    2 /* wrong arguments */

/* Opens PATH ("-" is not accepted), or the built-in sample bot when PATH is NULL. */
VaBot *va_cli_open_bot (const char  *path,
                        GError     **error);

/* Reads PATH whole: a regular file of at most MAX_SIZE bytes, else an error in words that does
 * not name the file (the caller does). */
char  *va_cli_read_file (const char  *path,
                         gsize        max_size,
                         gsize       *length,
                         GError     **error);

/* Each command gets the arguments after its own name. */
int va_cli_cmd_import_lu (int argc, char **argv);
int va_cli_cmd_export_lu (int argc, char **argv);
int va_cli_cmd_test      (int argc, char **argv);
int va_cli_cmd_chat      (int argc, char **argv);
int va_cli_cmd_run       (int argc, char **argv);
int va_cli_cmd_hub       (int argc, char **argv);

G_END_DECLS
