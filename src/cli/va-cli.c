/* va-cli.c
 *
 * virtual-agent-cli: the bot model and engine from a terminal and from CI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "va-bot.h"
#include "va-cli.h"
#include "va-format.h"
#include "va-template.h"
#include "va-topic.h"

/* Opens BOT, or the built-in sample bot when no file is given. */
VaBot *
va_cli_open_bot (const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return va_template_new_bot ();

  file = g_file_new_for_commandline_arg (path);
  return va_format_load_file (file, NULL, error);
}

/* Reads PATH whole, refusing anything but a regular file under @max_size before reading it. */
char *
va_cli_read_file (const char  *path,
                  gsize        max_size,
                  gsize       *length,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      /* GIO's message names the file again; the caller already does. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("no such file"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("not a regular file"));
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > max_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the file is too large (at most %u MiB)"),
                   (guint) (max_size / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, length, NULL, error))
    return NULL;
  return contents;
}

static int
cmd_validate (int    argc,
              char **argv)
{
  int status = 0;

  if (argc < 1)
    {
      g_autoptr(VaBot) bot = va_cli_open_bot (NULL, NULL);

      g_print (_("%s: valid (built-in sample bot)\n"), va_bot_get_name (bot));
      return 0;
    }

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = va_cli_open_bot (argv[i], &error);

      if (bot == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
          continue;
        }
      g_print (_("%s: valid, %u topics\n"), argv[i],
               g_list_model_get_n_items (va_bot_get_topics (bot)));
    }
  return status;
}

static int
cmd_format (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_cli_open_bot (argc > 0 ? argv[0] : NULL, &error);
  g_autofree char *data = NULL;
  gsize length;

  if (bot == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  data = va_format_save_data (bot, &length);
  if (argc > 1)
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (argv[1]);

      if (!va_format_save_file (bot, out, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }
  fwrite (data, 1, length, stdout);
  return 0;
}

static int
cmd_topics (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_cli_open_bot (argc > 0 ? argv[0] : NULL, &error);
  GListModel *topics;

  if (bot == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  topics = va_bot_get_topics (bot);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      g_print ("%-28s %-8s %s\n", va_topic_get_id (topic),
               va_topic_is_system (topic) ? _("system") : _("topic"),
               va_topic_get_name (topic));
    }
  return 0;
}

static void
usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: virtual-agent-cli COMMAND [ARGUMENTS]\n"
             "\n"
             "Commands (BOT is a .vabot file; without it, the built-in sample bot):\n"
             "  validate [BOT...]          load each bot and report every problem with its place\n"
             "  format [BOT [OUT]]         write BOT in canonical form to OUT or to standard output\n"
             "  topics [BOT]               list the topics of BOT\n"
             "  chat [--json] [BOT]        chat with BOT; --json prints one event per line;\n"
             "                             /help inside lists the chat's commands\n"
             "  run [BOT] SCRIPT...        replay transcript scripts (.chat) and show where they differ\n"
             "  test [BOT] SET             measure topic recognition on a labelled CSV or TSV set\n"
             "  hub [--port N]             run the local engagement hub alone, until Ctrl+C\n"
             "  import-lu FILE.lu [OUT]    make a bot from a Bot Framework .lu file\n"
             "  export-lu [BOT] [OUT]      write BOT's topics and entities as a .lu file\n"
             "  help                       show this help; COMMAND --help shows a command's options\n"
             "\n"
             "Exit status: 0 on success, 1 when a bot has problems, 2 on wrong usage.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VA_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }

  command = argv[1];
  if (g_str_equal (command, "validate"))
    return cmd_validate (argc - 2, argv + 2);
  if (g_str_equal (command, "format"))
    return cmd_format (argc - 2, argv + 2);
  if (g_str_equal (command, "topics"))
    return cmd_topics (argc - 2, argv + 2);
  if (g_str_equal (command, "chat"))
    return va_cli_cmd_chat (argc - 2, argv + 2);
  if (g_str_equal (command, "run"))
    return va_cli_cmd_run (argc - 2, argv + 2);
  if (g_str_equal (command, "test"))
    return va_cli_cmd_test (argc - 2, argv + 2);
  if (g_str_equal (command, "hub"))
    return va_cli_cmd_hub (argc - 2, argv + 2);
  if (g_str_equal (command, "import-lu"))
    return va_cli_cmd_import_lu (argc - 2, argv + 2);
  if (g_str_equal (command, "export-lu"))
    return va_cli_cmd_export_lu (argc - 2, argv + 2);
  if (g_str_equal (command, "help") || g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      usage (stdout);
      return 0;
    }

  g_printerr (_("Unknown command \"%s\". Try \"virtual-agent-cli help\".\n"), command);
  return 2;
}
