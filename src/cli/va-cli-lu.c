/* va-cli-lu.c — import-lu and export-lu (placeholder until the .lu module lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-cli.h"

int
va_cli_cmd_import_lu (int    argc,
                      char **argv)
{
  (void) argc;
  (void) argv;
  g_printerr (_("import-lu is not available yet.\n"));
  return VA_CLI_FAILED;
}

int
va_cli_cmd_export_lu (int    argc,
                      char **argv)
{
  (void) argc;
  (void) argv;
  g_printerr (_("export-lu is not available yet.\n"));
  return VA_CLI_FAILED;
}
