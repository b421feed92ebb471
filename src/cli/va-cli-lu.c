/* va-cli-lu.c — import-lu and export-lu: Bot Framework .lu files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "va-cli.h"
#include "va-format.h"
#include "va-lu.h"

/* GOptionContext wants the program name first and frees what it takes out of the vector. */
static GStrv
make_args (const char  *command,
           int          argc,
           char       **argv)
{
  GStrv args = g_new0 (char *, argc + 2);

  args[0] = g_strdup_printf ("virtual-agent-cli %s", command);
  for (int i = 0; i < argc; i++)
    args[i + 1] = g_strdup (argv[i]);
  return args;
}

static gboolean
parse_options (GOptionContext  *context,
               GStrv           *args,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse_strv (context, args, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Try \"%s --help\".\n"), (*args)[0]);
      *status = VA_CLI_USAGE;
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      fwrite (data, 1, length, stdout);
      return fflush (stdout) == 0;
    }
  file = g_file_new_for_commandline_arg (path);
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

int
va_cli_cmd_import_lu (int    argc,
                      char **argv)
{
  g_auto(GStrv) args = make_args ("import-lu", argc, argv);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int status = VA_CLI_OK;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The bot's name (default: the file's @app.name, or \"Imported bot\")"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("FILE.lu [OUT.vabot]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Makes a bot from a Bot Framework .lu file: one topic per intent, its "
                                  "utterances as trigger phrases, and its list and regular expression "
                                  "entities. Writes the bot to OUT.vabot, or to standard output. What "
                                  "cannot be imported is reported on standard error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &args, &status))
    return status;
  if (g_strv_length (args) < 2 || g_strv_length (args) > 3)
    {
      g_printerr (_("Usage: virtual-agent-cli import-lu [--name NAME] FILE.lu [OUT.vabot]\n"));
      return VA_CLI_USAGE;
    }

  contents = va_cli_read_file (args[1], VA_LU_MAX_SIZE, &length, &error);
  if (contents == NULL)
    {
      g_printerr ("%s: %s\n", args[1], error->message);
      return VA_CLI_FAILED;
    }
  bot = va_lu_import (contents, length, name, &warnings, &error);
  if (bot == NULL)
    {
      g_printerr ("%s: %s\n", args[1], error->message);
      return VA_CLI_FAILED;
    }
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("%s: warning: %s\n"), args[1], (const char *) g_ptr_array_index (warnings, i));

  data = va_format_save_data (bot, &length);
  if (!write_output (args[2], data, length, &error))
    {
      g_printerr ("%s: %s\n", args[2] != NULL ? args[2] : _("standard output"),
                  error != NULL ? error->message : g_strerror (errno));
      return VA_CLI_FAILED;
    }
  return VA_CLI_OK;
}

int
va_cli_cmd_export_lu (int    argc,
                      char **argv)
{
  g_auto(GStrv) args = make_args ("export-lu", argc, argv);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autofree char *text = NULL;
  const char *out;
  guint n_args;
  int status = VA_CLI_OK;

  context = g_option_context_new (_("[BOT] [OUT.lu]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes the custom topics of BOT (a .vabot file; without it, the built-in "
                                  "sample bot) as a Bot Framework .lu file: \"# Topic\" with its trigger "
                                  "phrases, then its list and regular expression entities. Writes to "
                                  "OUT.lu, or to standard output."));
  if (!parse_options (context, &args, &status))
    return status;
  n_args = g_strv_length (args);
  if (n_args > 3)
    {
      g_printerr (_("Usage: virtual-agent-cli export-lu [BOT] [OUT.lu]\n"));
      return VA_CLI_USAGE;
    }
  out = n_args > 2 ? args[2] : NULL;

  bot = va_cli_open_bot (n_args > 1 ? args[1] : NULL, &error);
  if (bot == NULL)
    {
      g_printerr ("%s\n", error->message);
      return VA_CLI_FAILED;
    }
  text = va_lu_export (bot);
  if (!write_output (out, text, strlen (text), &error))
    {
      g_printerr ("%s: %s\n", out != NULL ? out : _("standard output"),
                  error != NULL ? error->message : g_strerror (errno));
      return VA_CLI_FAILED;
    }
  return VA_CLI_OK;
}
