/* va-cli-test.c — test BOT SET (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-cli.h"

int
va_cli_cmd_test (int    argc,
                 char **argv)
{
  (void) argc;
  (void) argv;
  g_printerr (_("test is not available yet.\n"));
  return VA_CLI_FAILED;
}
