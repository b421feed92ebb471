/* va-cli-chat.c — chat with a bot from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "va-cli.h"
#include "va-conversation.h"
#include "va-hub.h"
#include "va-script.h"

typedef struct
{
  gboolean          json;
  gboolean          verbose;
  gboolean          interactive;
  VaConversation   *conversation;
  VaScriptRecorder *recorder;
  VaHub            *hub;         /* --local-hub */
  gboolean          hub_posting; /* the handoff is on its way to the local hub */
  GMainLoop        *loop;        /* --local-hub: stdin is read from the main loop */
} Chat;

static void
print_event_human (Chat    *chat,
                   VaEvent *event)
{
  switch (event->kind)
    {
    case VA_EVENT_BOT_MESSAGE:
      g_print ("%s: %s\n", _("Bot"), event->text);
      if (event->choices != NULL)
        {
          g_print ("   ");
          for (guint i = 0; event->choices[i] != NULL; i++)
            g_print (" [%u] %s", i + 1, event->choices[i]);
          g_print ("\n");
        }
      break;
    case VA_EVENT_AGENT_MESSAGE:
      g_print ("%s: %s\n", _("Agent"), event->text);
      break;
    case VA_EVENT_TOPIC_STARTED:
      if (chat->verbose)
        g_print ("    (%s: %s)\n", _("topic"), event->topic_name);
      break;
    case VA_EVENT_RECOGNIZED:
      if (chat->verbose && event->data != NULL)
        {
          JsonArray *ranks = json_node_get_array (event->data);

          g_print ("    (%s:", _("recognizer"));
          for (guint i = 0; i < json_array_get_length (ranks) && i < 3; i++)
            {
              JsonObject *rank = json_array_get_object_element (ranks, i);

              g_print (" %s %.2f", json_object_get_string_member (rank, "topic"),
                       json_object_get_double_member (rank, "score"));
            }
          g_print (")\n");
        }
      break;
    case VA_EVENT_VARIABLE_CHANGED:
      if (chat->verbose)
        g_print ("    (%s = %s)\n", event->name, event->text != NULL ? event->text : "");
      break;
    case VA_EVENT_ACTION:
      if (chat->verbose || g_strcmp0 (event->name, "failed") == 0)
        g_print ("    (%s)\n", event->text);
      break;
    case VA_EVENT_HANDOFF:
      if (chat->hub != NULL)
        {
          g_print (_("--- Handed off to a live agent; the local engagement hub is taking it…\n"));
          break;
        }
      if (event->text != NULL)
        g_print (_("--- Handed off to a live agent. Engagement hub chat: %s\n"), event->text);
      else if (g_strcmp0 (event->name, "placeholder") == 0)
        g_print (_("--- Handed off to a live agent, but the engagement hub link is not set: the "
                   "Escalate topic still says [link]. Set the link in the bot settings.\n"));
      else
        g_print (_("--- Handed off to a live agent (no engagement hub link).\n"));
      g_print (_("    Type /agent TEXT to answer as the agent, /status completed to give the "
                 "conversation back.\n"));
      break;
    case VA_EVENT_HANDOFF_STATUS:
      g_print (_("--- The engagement hub says: %s%s%s\n"), event->name,
               event->text != NULL ? " — " : "", event->text != NULL ? event->text : "");
      if (chat->hub != NULL && event->data != NULL && JSON_NODE_HOLDS_VALUE (event->data) &&
          json_node_get_value_type (event->data) == G_TYPE_STRING)
        g_print (_("--- Answer as the agent in a browser: %s\n"
                   "    What you type here goes to the agent until the agent resolves it.\n"),
                 json_node_get_string (event->data));
      break;
    case VA_EVENT_CONVERSATION_ENDED:
      g_print (_("--- The conversation ended (%s). Type to start a new one.\n"), event->name);
      break;
    case VA_EVENT_ERROR:
      g_printerr (_("Error: %s\n"), event->text);
      break;
    default:
      break;
    }
}

static void
on_event (VaConversation *conversation,
          VaEvent        *event,
          Chat           *chat)
{
  (void) conversation;
  if (event->kind == VA_EVENT_HANDOFF)
    chat->hub_posting = chat->hub != NULL && va_hub_is_running (chat->hub);
  else if (event->kind == VA_EVENT_HANDOFF_STATUS || event->kind == VA_EVENT_ERROR)
    chat->hub_posting = FALSE;
  if (chat->json)
    {
      g_autoptr(JsonNode) node = va_event_to_json (event);
      g_autofree char *line = json_to_string (node, FALSE);

      g_print ("%s\n", line);
    }
  else
    print_event_human (chat, event);
  fflush (stdout);
}

static void
settle (VaConversation *conversation)
{
  while (va_conversation_get_busy (conversation))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
print_variables (VaConversation *conversation)
{
  g_autoptr(JsonNode) variables = va_conversation_variables_to_json (conversation);
  g_autofree char *text = json_to_string (variables, TRUE);

  g_print ("%s\n", text);
}

static gboolean
save_transcript (VaScriptRecorder *recorder,
                 const char       *path)
{
  g_autofree char *text = va_script_to_string (va_script_recorder_get (recorder));
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    {
      g_printerr (_("Could not save the transcript: %s\n"), error->message);
      return FALSE;
    }
  g_print (_("Transcript saved to %s; replay it with: virtual-agent-cli run BOT %s\n"), path, path);
  return TRUE;
}

/* A line that starts with "/" is a command of the chat, not a message. Returns FALSE to quit. */
static gboolean
chat_command (Chat             *chat,
              VaScriptRecorder *recorder,
              const char       *line)
{
  if (g_str_equal (line, "/quit") || g_str_equal (line, "/exit"))
    return FALSE;
  if (g_str_equal (line, "/restart"))
    va_conversation_start (chat->conversation);
  else if (g_str_equal (line, "/vars"))
    print_variables (chat->conversation);
  else if (g_str_has_prefix (line, "/agent "))
    va_conversation_agent_message (chat->conversation, line + strlen ("/agent "));
  else if (g_str_has_prefix (line, "/status "))
    va_conversation_handoff_status (chat->conversation, line + strlen ("/status "), NULL);
  else if (g_str_has_prefix (line, "/save "))
    save_transcript (recorder, line + strlen ("/save "));
  else
    g_print (_("Commands: /restart, /vars, /agent TEXT, /status accepted|failed|completed, "
               "/save FILE, /quit; //text sends “/text”.\n"));
  return TRUE;
}

static void
prompt (Chat *chat)
{
  if (chat->interactive && !chat->json)
    {
      g_print ("> ");
      fflush (stdout);
    }
}

/* Reads and handles one line. Returns FALSE at the end of the input or on /quit. */
static gboolean
read_line (Chat       *chat,
           GIOChannel *input)
{
  g_autofree char *line = NULL;
  gsize terminator;

  if (g_io_channel_read_line (input, &line, NULL, &terminator, NULL) != G_IO_STATUS_NORMAL)
    return FALSE;
  line[terminator] = '\0';
  g_strstrip (line);
  if (line[0] == '\0')
    return TRUE;
  if (line[0] == '/' && line[1] != '/')
    return chat_command (chat, chat->recorder, line);
  va_conversation_send (chat->conversation, line[0] == '/' ? line + 1 : line);
  return TRUE;
}

static gboolean
on_input (GIOChannel   *input,
          GIOCondition  condition,
          gpointer      user_data)
{
  Chat *chat = user_data;

  if (!read_line (chat, input))
    {
      g_main_loop_quit (chat->loop);
      return G_SOURCE_REMOVE;
    }
  prompt (chat);
  return G_SOURCE_CONTINUE;
}

int
va_cli_cmd_chat (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  gboolean verbose = FALSE;
  gboolean local_hub = FALSE;
  gint64 seed = -1;
  g_autofree char *save = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("[BOT] — chat with a bot"));
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print every event as one JSON object per line"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Also show topics, scores and variables"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed for message variations"), N_("N") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, N_("Save the transcript script to FILE at the end"), N_("FILE") },
    { "local-hub", 0, 0, G_OPTION_ARG_NONE, &local_hub, N_("Answer handoffs as the agent in a browser"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(VaScriptRecorder) recorder = NULL;
  g_autoptr(VaHub) hub = NULL;
  g_autoptr(GIOChannel) input = NULL;
  gboolean interactive = isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
  Chat chat = { 0 };
  g_autofree char **args = g_new0 (char *, argc + 2);

  args[0] = (char *) "virtual-agent-cli chat";
  for (int i = 0; i < argc; i++)
    args[i + 1] = argv[i];
  argc++;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Type messages; the bot answers. Lines starting with “/” are "
                                  "commands: /restart, /vars, /agent TEXT, /status completed, "
                                  "/save FILE, /quit."));
  if (!g_option_context_parse (context, &argc, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return VA_CLI_USAGE;
    }
  if (argc > 2)
    {
      g_printerr (_("chat takes one bot file at most.\n"));
      return VA_CLI_USAGE;
    }

  bot = va_cli_open_bot (argc > 1 ? args[1] : NULL, &error);
  if (bot == NULL)
    {
      g_printerr ("%s\n", error->message);
      return VA_CLI_FAILED;
    }

  chat.json = json;
  chat.verbose = verbose;
  chat.conversation = va_conversation_new (bot, NULL);
  if (seed >= 0)
    va_conversation_set_seed (chat.conversation, (guint32) seed);
  recorder = va_script_recorder_new (chat.conversation);
  chat.recorder = recorder;
  chat.interactive = interactive;
  g_signal_connect (chat.conversation, "event", G_CALLBACK (on_event), &chat);
  if (local_hub)
    {
      hub = va_hub_new ();
      if (!va_hub_start (hub, &error))
        {
          g_printerr (_("The local engagement hub could not start: %s\n"), error->message);
          g_clear_pointer (&recorder, va_script_recorder_free);
          g_clear_object (&chat.conversation);
          return VA_CLI_FAILED;
        }
      va_hub_attach (hub, chat.conversation);
      chat.hub = hub;
      if (!json)
        g_print (_("Local engagement hub at %s: a handoff gives you the agent's page.\n"),
                 va_hub_get_url (hub));
    }

  if (interactive && !json)
    g_print (_("Chatting with %s. Type /quit to leave, /help for commands.\n"),
             va_bot_get_name (bot));
  va_conversation_start (chat.conversation);
  settle (chat.conversation);

  input = g_io_channel_unix_new (STDIN_FILENO);
  g_io_channel_set_encoding (input, NULL, NULL);
  if (chat.hub != NULL)
    {
      /* The hub serves from the main loop: stdin must not block it. */
      chat.loop = g_main_loop_new (NULL, FALSE);
      prompt (&chat);
      g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, on_input, &chat);
      g_main_loop_run (chat.loop);
      g_clear_pointer (&chat.loop, g_main_loop_unref);
      /* Input ended right after the handoff: let the hub's answer (the page's address) come. */
      while (chat.hub_posting)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      for (;;)
        {
          prompt (&chat);
          if (!read_line (&chat, input))
            break;
          settle (chat.conversation);
        }
    }

  if (save != NULL && !save_transcript (recorder, save))
    {
      g_clear_object (&chat.conversation);
      return VA_CLI_FAILED;
    }
  g_clear_pointer (&recorder, va_script_recorder_free);
  g_clear_object (&chat.conversation);
  return VA_CLI_OK;
}
