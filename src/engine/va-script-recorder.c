/* va-script-recorder.c — writing a conversation down as a transcript script, as it goes: its
 * turns, what the bot said and did, and the answers of Call actions as mocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-script.h"

/* {{{ Recording */

struct _VaScriptRecorder
{
  VaConversation *conversation;
  gulong          handler;
  VaScript       *script;
  char           *request;    /* "METHOD url" of the Call action under way */
};

/* What a Call action's server answered becomes a [mock], so the replay needs no network.
 * @request is the "started" event's "METHOD url": a failure's text is the error instead. */
static void
record_mock (VaScript   *script,
             const char *request,
             VaEvent    *event)
{
  JsonObject *answer;
  g_autofree char *entry = NULL;
  const char *space;

  if (event->data == NULL || !JSON_NODE_HOLDS_OBJECT (event->data) || request == NULL ||
      (space = strchr (request, ' ')) == NULL)
    return;
  answer = json_node_get_object (event->data);
  entry = g_strdup_printf ("%.*s\n%s\n%u\n%s", (int) (space - request), request,
                           space + 1, (guint) json_object_get_int_member (answer, "status"),
                           json_object_get_string_member (answer, "body"));
  for (guint i = 0; i < script->mocks->len; i++)
    if (g_str_equal (g_ptr_array_index (script->mocks, i), entry))
      return;
  g_ptr_array_add (script->mocks, g_steal_pointer (&entry));
}

static void
record_event (VaConversation   *conversation,
              VaEvent          *event,
              VaScriptRecorder *recorder)
{
  VaScript *script = recorder->script;
  VaScriptTurn *turn = g_ptr_array_index (script->turns, script->turns->len - 1);

  (void) conversation;
  switch (event->kind)
    {
    case VA_EVENT_USER_MESSAGE:
      va_script_add_turn (script, VA_SCRIPT_INPUT_USER, event->text);
      break;
    case VA_EVENT_AGENT_MESSAGE:
      va_script_add_turn (script, VA_SCRIPT_INPUT_AGENT, event->text);
      break;
    case VA_EVENT_HANDOFF_STATUS:
      if (g_strcmp0 (event->name, "completed") == 0 || g_strcmp0 (event->name, "failed") == 0 ||
          g_strcmp0 (event->name, "accepted") == 0)
        va_script_add_turn (script, VA_SCRIPT_INPUT_STATUS, event->name);
      break;
    case VA_EVENT_BOT_MESSAGE:
      g_ptr_array_add (turn->bot, g_strdup (event->text));
      g_clear_pointer (&turn->choices, g_free);
      if (event->choices != NULL)
        turn->choices = g_strjoinv ("|", event->choices);
      break;
    case VA_EVENT_TOPIC_STARTED:
      if (turn->topic == NULL && turn->input == VA_SCRIPT_INPUT_USER &&
          (g_strcmp0 (event->name, "trigger") == 0 || g_strcmp0 (event->name, "switch") == 0))
        turn->topic = g_strdup (event->topic_id);
      break;
    case VA_EVENT_HANDOFF:
      turn->handoff = TRUE;
      va_str_set (&turn->link, event->text);
      break;
    case VA_EVENT_CONVERSATION_ENDED:
      va_str_set (&turn->ended, event->name);
      break;
    case VA_EVENT_ERROR:
      turn->error = TRUE;
      break;
    case VA_EVENT_ACTION:
      if (g_strcmp0 (event->name, "started") == 0)
        va_str_set (&recorder->request, event->text);
      else
        {
          record_mock (script, recorder->request, event);
          g_clear_pointer (&recorder->request, g_free);
        }
      break;
    default:
      break;
    }
}

/**
 * va_script_recorder_new:
 * @conversation: a conversation that has not started yet
 *
 * Writes down everything @conversation does from now on, with its seed so that the replay picks
 * the same message variations.
 *
 * Returns: (transfer full): a recorder
 */
VaScriptRecorder *
va_script_recorder_new (VaConversation *conversation)
{
  VaScriptRecorder *recorder = g_new0 (VaScriptRecorder, 1);

  g_return_val_if_fail (VA_IS_CONVERSATION (conversation), NULL);

  recorder->conversation = g_object_ref (conversation);
  recorder->script = va_script_new ();
  recorder->script->has_seed = TRUE;
  recorder->script->seed = va_conversation_get_seed (conversation);
  /* Relative dates replay the same way on another day. */
  if (va_conversation_get_now (conversation) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) seconds = g_date_time_add_seconds (now, -g_date_time_get_microsecond (now) / 1e6);

      va_conversation_set_now (conversation, seconds);
    }
  recorder->script->now = g_date_time_ref (va_conversation_get_now (conversation));
  recorder->handler = g_signal_connect (conversation, "event", G_CALLBACK (record_event), recorder);
  return recorder;
}

void
va_script_recorder_free (VaScriptRecorder *recorder)
{
  if (recorder == NULL)
    return;
  g_clear_signal_handler (&recorder->handler, recorder->conversation);
  g_clear_object (&recorder->conversation);
  va_script_free (recorder->script);
  g_free (recorder->request);
  g_free (recorder);
}

/**
 * va_script_recorder_get:
 * @recorder: a recorder
 *
 * Returns: (transfer none): the script so far
 */
VaScript *
va_script_recorder_get (VaScriptRecorder *recorder)
{
  g_return_val_if_fail (recorder != NULL, NULL);
  return recorder->script;
}

/* }}} */
