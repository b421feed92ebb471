/* va-cli-run.c — replay transcript scripts against a bot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-bot-recognizer.h"
#include "va-cli.h"
#include "va-script.h"

int
va_cli_cmd_run (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(VaRecognizer) recognizer = NULL;
  const char *bot_path = NULL;
  int first = 0;
  guint passed = 0, failed = 0;

  if (argc < 1)
    {
      g_printerr (_("Usage: virtual-agent-cli run [BOT] SCRIPT...\n"
                    "Replays transcript scripts (.chat); without BOT, against the built-in sample bot.\n"));
      return VA_CLI_USAGE;
    }
  /* The bot comes first unless the first argument is already a script. */
  if (!g_str_has_suffix (argv[0], ".chat"))
    {
      bot_path = argv[0];
      first = 1;
    }
  if (first >= argc)
    {
      g_printerr (_("run: no script given.\n"));
      return VA_CLI_USAGE;
    }

  bot = va_cli_open_bot (bot_path, &error);
  if (bot == NULL)
    {
      g_printerr ("%s\n", error->message);
      return VA_CLI_FAILED;
    }
  recognizer = va_bot_recognizer_new (bot);

  for (int i = first; i < argc; i++)
    {
      g_autoptr(VaScript) script = va_script_load (argv[i], &error);
      g_autoptr(GString) report = g_string_new (NULL);

      if (script == NULL)
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
          failed++;
          continue;
        }
      if (va_script_run (script, bot, recognizer, report))
        {
          guint turns = script->turns->len - 1;

          g_print (g_dngettext (GETTEXT_PACKAGE, "PASS %s (%u turn)\n", "PASS %s (%u turns)\n", turns),
                   argv[i], turns);
          passed++;
        }
      else
        {
          g_print (_("FAIL %s\n%s"), argv[i], report->str);
          failed++;
        }
    }
  if (argc - first > 1)
    /* Translators: the two counts of scripts replayed, e.g. "3 passed, 1 failed". */
    g_print (_("%u passed, %u failed\n"), passed, failed);
  return failed > 0 ? VA_CLI_FAILED : VA_CLI_OK;
}
