/* fuzz-conversation.c — the runtime: a bot and any sequence of messages
 *
 * The first byte picks the bot: the sample bot, the every-node test bot, the travel bot imported
 * from .lu, or (3) a bot loaded from the input itself, up to its first NUL byte (the sample bot
 * when that does not load). The second byte is the seed of message variations. The rest, line by
 * line, is what is said: a message from the user, "/agent TEXT" from the human agent after a
 * handoff, "/status STATE MESSAGE" from the engagement hub, "/cancel" or "/restart".
 *
 * Work per input is bounded: at most MAX_MESSAGES lines of at most MAX_MESSAGE bytes, a step
 * limit, and Call actions answered by the mocks of the scripts in tests/scripts or refused at once
 * by a proxy on a closed local port (nothing goes to the network). The conversation is recorded
 * as a transcript script, which must parse again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-bot-recognizer.h"
#include "va-conversation.h"
#include "va-format.h"
#include "va-lu.h"
#include "va-script.h"
#include "va-template.h"
#include "fuzz-common.h"

#define MAX_MESSAGES 24
#define MAX_MESSAGE  512
#define STEP_LIMIT   200

typedef struct
{
  VaBot        *bot;
  VaRecognizer *recognizer;
} Seed;

static Seed seeds[3];
static GPtrArray *mocks;        /* "METHOD\nurl\nstatus\nbody" from the test scripts */
static GDateTime *now;
static SoupSession *session;

static void
add_seed (Seed  *seed,
          VaBot *bot)
{
  seed->bot = bot;
  seed->recognizer = va_bot_recognizer_new (bot);
  va_recognizer_build (seed->recognizer);
}

static void
load_mocks (void)
{
  g_autofree char *dir_path = g_build_filename (VA_FUZZ_DATA_DIR, "scripts", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  mocks = g_ptr_array_new_with_free_func (g_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(VaScript) script = g_str_has_suffix (name, ".chat") ? va_script_load (path, NULL)
                                                                    : NULL;

      for (guint i = 0; script != NULL && i < script->mocks->len; i++)
        g_ptr_array_add (mocks, g_strdup (g_ptr_array_index (script->mocks, i)));
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GProxyResolver) refuse = NULL;
  g_autofree char *every_node = NULL;
  g_autofree char *travel = NULL;
  gsize length;

  fuzz_init ();
  add_seed (&seeds[0], va_template_new_bot ());
  every_node = fuzz_read_data ("data/bots/every-node.vabot", &length);
  add_seed (&seeds[1], va_format_load_data (every_node, length, &error));
  g_assert_no_error (error);
  travel = fuzz_read_data ("data/lu/travel.lu", &length);
  add_seed (&seeds[2], va_lu_import (travel, length, "Travel", NULL, &error));
  g_assert_no_error (error);
  load_mocks ();
  now = g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
  /* Every request the mocks do not answer goes to a proxy that is not there: refused at once. */
  refuse = g_simple_proxy_resolver_new ("http://127.0.0.1:9", NULL);
  session = soup_session_new_with_options ("proxy-resolver", refuse, "timeout", 2, NULL);
  return 0;
}

static void
on_event (VaConversation *conversation,
          VaEvent        *event,
          gpointer        user_data)
{
  g_autoptr(JsonNode) json = va_event_to_json (event);
  guint *n_events = user_data;

  g_assert (json != NULL);
  (*n_events)++;
}

/* Runs the default main context while an action or the handoff is under way, within bounds. */
static void
settle (VaConversation *conversation)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (va_conversation_get_busy (conversation) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (va_conversation_get_busy (conversation))
    va_conversation_cancel (conversation);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
say (VaConversation *conversation,
     const char     *line)
{
  if (g_str_has_prefix (line, "/agent "))
    va_conversation_agent_message (conversation, line + strlen ("/agent "));
  else if (g_str_has_prefix (line, "/status "))
    {
      g_auto(GStrv) parts = g_strsplit (line + strlen ("/status "), " ", 2);

      va_conversation_handoff_status (conversation, parts[0] != NULL ? parts[0] : "",
                                      parts[0] != NULL ? parts[1] : NULL);
    }
  else if (strcmp (line, "/cancel") == 0)
    va_conversation_cancel (conversation);
  else if (strcmp (line, "/restart") == 0)
    va_conversation_start (conversation);
  else
    va_conversation_send (conversation, line);
  settle (conversation);
}

static void
check_transcript (VaScriptRecorder *recorder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = va_script_to_string (va_script_recorder_get (recorder));
  g_autoptr(VaScript) parsed = va_script_parse (text, -1, "recorded.chat", &error);

  if (parsed == NULL)
    g_error ("a recorded conversation wrote a script that does not parse: %s\n%s",
             error->message, text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(VaBot) own_bot = NULL;
  g_autoptr(VaRecognizer) own_recognizer = NULL;
  g_autoptr(VaConversation) conversation = NULL;
  g_autoptr(VaScriptRecorder) recorder = NULL;
  g_autoptr(JsonNode) variables = NULL;
  g_autoptr(JsonNode) handoff = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  VaBot *bot;
  VaRecognizer *recognizer;
  const uint8_t *rest;
  guint n_events = 0;

  if (size < 2)
    return 0;
  rest = data + 2;
  size -= 2;
  if (data[0] % 4 == 3)
    {
      const uint8_t *end = memchr (rest, '\0', size);
      gsize length = end != NULL ? (gsize) (end - rest) : size;

      own_bot = va_format_load_data ((const char *) rest, length, NULL);
      rest += MIN (length + 1, size);
      size -= MIN (length + 1, size);
    }
  if (own_bot != NULL)
    {
      own_recognizer = va_bot_recognizer_new (own_bot);
      bot = own_bot;
      recognizer = own_recognizer;
    }
  else
    {
      bot = seeds[data[0] % 4 % 3].bot;
      recognizer = seeds[data[0] % 4 % 3].recognizer;
    }

  conversation = va_conversation_new (bot, recognizer);
  va_conversation_set_session (conversation, session);
  va_conversation_set_webhook_enabled (conversation, FALSE);
  va_conversation_set_handoff_timeout (conversation, 1);
  va_conversation_set_now (conversation, now);
  va_conversation_set_seed (conversation, data[1]);
  va_conversation_set_step_limit (conversation, STEP_LIMIT);
  for (guint i = 0; i < mocks->len; i++)
    {
      g_auto(GStrv) mock = g_strsplit (g_ptr_array_index (mocks, i), "\n", 4);

      if (g_strv_length (mock) == 4)
        va_conversation_add_http_mock (conversation, mock[0], mock[1],
                                       (guint) g_ascii_strtoull (mock[2], NULL, 10), mock[3]);
    }
  g_signal_connect (conversation, "event", G_CALLBACK (on_event), &n_events);
  recorder = va_script_recorder_new (conversation);

  va_conversation_start (conversation);
  settle (conversation);
  text = fuzz_strdup (rest, size);
  lines = g_strsplit (text, "\n", MAX_MESSAGES + 1);
  for (guint i = 0; lines[i] != NULL && i < MAX_MESSAGES; i++)
    {
      if (strlen (lines[i]) > MAX_MESSAGE)
        lines[i][MAX_MESSAGE] = '\0';
      say (conversation, lines[i]);
    }

  g_assert (n_events > 0);
  variables = va_conversation_variables_to_json (conversation);
  handoff = va_conversation_build_handoff (conversation, "fuzz");
  check_transcript (recorder);
  g_clear_pointer (&recorder, va_script_recorder_free);
  va_conversation_cancel (conversation);
  settle (conversation);
  return 0;
}
