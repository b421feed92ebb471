/* va-cli-hub.c — run the built-in local engagement hub alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bot anywhere on this machine can post its handoff to the printed webhook; the hub prints the
 * agent page of each handoff, and what the agent does there, until Ctrl+C.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "va-cli.h"
#include "va-hub.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_handoff (VaHub      *hub,
            const char *conversation_id,
            const char *chat_url,
            gpointer    user_data)
{
  g_print (_("Handoff of conversation %s; the agent's page: %s\n"), conversation_id, chat_url);
  fflush (stdout);
}

static void
on_agent_message (VaHub      *hub,
                  const char *conversation_id,
                  const char *text,
                  gpointer    user_data)
{
  g_print ("[%s] %s: %s\n", conversation_id, _("Agent"), text);
  fflush (stdout);
}

static void
on_status (VaHub      *hub,
           const char *conversation_id,
           const char *state,
           const char *message,
           gpointer    user_data)
{
  g_print ("[%s] %s: %s%s%s\n", conversation_id, _("Status"), state,
           message != NULL ? " — " : "", message != NULL ? message : "");
  fflush (stdout);
}

int
va_cli_cmd_hub (int    argc,
                char **argv)
{
  gint port = 0;
  g_autoptr(GOptionContext) context = g_option_context_new (_("— run the local engagement hub"));
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Listen on port N of 127.0.0.1 (default: any free one)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VaHub) hub = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *webhook = NULL;
  g_autofree char **args = g_new0 (char *, argc + 2);
  guint sigint_id, sigterm_id;

  args[0] = (char *) "virtual-agent-cli hub";
  for (int i = 0; i < argc; i++)
    args[i + 1] = argv[i];
  argc++;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Serves the agent's chat page of every handoff posted to it, on "
                                  "127.0.0.1 only, until Ctrl+C."));
  if (!g_option_context_parse (context, &argc, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return VA_CLI_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("hub takes no file.\n"));
      return VA_CLI_USAGE;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr (_("The port must be between 0 and 65535.\n"));
      return VA_CLI_USAGE;
    }

  hub = va_hub_new ();
  va_hub_set_port (hub, (guint) port);
  if (!va_hub_start (hub, &error))
    {
      g_printerr (_("The local engagement hub could not start: %s\n"), error->message);
      return VA_CLI_FAILED;
    }
  g_signal_connect (hub, "handoff", G_CALLBACK (on_handoff), NULL);
  g_signal_connect (hub, "agent-message", G_CALLBACK (on_agent_message), NULL);
  g_signal_connect (hub, "status", G_CALLBACK (on_status), NULL);

  webhook = va_hub_get_webhook_url (hub);
  g_print (_("Local engagement hub at %s\n"), va_hub_get_url (hub));
  g_print (_("Bots post their handoff to %s. Press Ctrl+C to stop.\n"), webhook);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  va_hub_stop (hub);
  return VA_CLI_OK;
}
