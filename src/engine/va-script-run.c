/* va-script-run.c — replaying a transcript script against a conversation, turn by turn, and the
 * diff of the first turn that does not match
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-script.h"

/* {{{ Running */

/* Text with "{*}" standing for any text; ends of both are trimmed. */
static gboolean
text_matches (const char *expected,
              const char *actual)
{
  g_autofree char *e = g_strstrip (g_strdup (expected));
  g_autofree char *a = g_strstrip (g_strdup (actual != NULL ? actual : ""));
  g_auto(GStrv) parts = g_strsplit (e, "{*}", -1);
  guint n = g_strv_length (parts);
  const char *p = a;

  if (n == 1)
    return g_str_equal (e, a);
  if (!g_str_has_prefix (p, parts[0]))
    return FALSE;
  p += strlen (parts[0]);
  for (guint i = 1; i + 1 < n; i++)
    {
      const char *found = strstr (p, parts[i]);

      if (found == NULL)
        return FALSE;
      p = found + strlen (parts[i]);
    }
  return strlen (p) >= strlen (parts[n - 1]) && g_str_has_suffix (p, parts[n - 1]);
}

static gboolean
turn_has_expectations (VaScriptTurn *turn)
{
  return turn->bot->len > 0 || turn->any_bot || turn->topic != NULL || turn->variables->len > 0 ||
         turn->choices != NULL || turn->handoff || turn->ended != NULL || turn->error;
}

static const char *
input_label (VaScriptInput input)
{
  switch (input)
    {
    case VA_SCRIPT_INPUT_USER: return "user";
    case VA_SCRIPT_INPUT_AGENT: return "agent";
    case VA_SCRIPT_INPUT_STATUS: return "status";
    case VA_SCRIPT_INPUT_START:
    default: return "start";
    }
}

static void
diff_bot (VaScriptTurn *turn,
          GPtrArray    *said,
          GString      *diff)
{
  guint n = MAX (turn->bot->len, said->len);

  for (guint i = 0; i < n; i++)
    {
      const char *e = i < turn->bot->len ? g_ptr_array_index (turn->bot, i) : NULL;
      const char *a = i < said->len ? g_ptr_array_index (said, i) : NULL;

      if (e != NULL && a != NULL && text_matches (e, a))
        g_string_append_printf (diff, "    bot: %s\n", a);
      else
        {
          if (e != NULL)
            g_string_append_printf (diff, "  - bot: %s\n", e);
          if (a != NULL)
            g_string_append_printf (diff, "  + bot: %s\n", a);
        }
    }
}

static gboolean
check_turn (VaScriptTurn   *turn,
            VaConversation *conversation,
            GPtrArray      *events,
            GString        *diff)
{
  g_autoptr(GPtrArray) said = g_ptr_array_new ();
  g_autoptr(GString) topics = g_string_new (NULL);
  gboolean ok = TRUE;
  gboolean topic_found = FALSE;
  VaEvent *handoff = NULL;
  VaEvent *ended = NULL;
  gboolean errored = FALSE;
  g_autofree char *choices = NULL;

  for (guint i = 0; i < events->len; i++)
    {
      VaEvent *event = g_ptr_array_index (events, i);

      switch (event->kind)
        {
        case VA_EVENT_BOT_MESSAGE:
          g_ptr_array_add (said, event->text);
          g_clear_pointer (&choices, g_free);
          if (event->choices != NULL)
            choices = g_strjoinv ("|", event->choices);
          break;
        case VA_EVENT_TOPIC_STARTED:
          if (topics->len > 0)
            g_string_append (topics, ", ");
          g_string_append (topics, event->topic_id);
          if (turn->topic != NULL &&
              (g_strcmp0 (event->topic_id, turn->topic) == 0 ||
               g_ascii_strcasecmp (event->topic_name != NULL ? event->topic_name : "", turn->topic) == 0))
            topic_found = TRUE;
          break;
        case VA_EVENT_HANDOFF:
          handoff = event;
          break;
        case VA_EVENT_CONVERSATION_ENDED:
          ended = event;
          break;
        case VA_EVENT_ERROR:
          errored = TRUE;
          break;
        default:
          break;
        }
    }

  if (!turn->any_bot)
    {
      gboolean same = turn->bot->len == said->len;

      for (guint i = 0; same && i < said->len; i++)
        same = text_matches (g_ptr_array_index (turn->bot, i), g_ptr_array_index (said, i));
      if (!same)
        {
          diff_bot (turn, said, diff);
          ok = FALSE;
        }
    }
  if (turn->topic != NULL && !topic_found)
    {
      g_string_append_printf (diff, "  - [topic=%s]\n  + topics started: %s\n", turn->topic,
                              topics->len > 0 ? topics->str : _("none"));
      ok = FALSE;
    }
  if (turn->choices != NULL && g_strcmp0 (turn->choices, choices) != 0)
    {
      g_string_append_printf (diff, "  - [choices=%s]\n  + choices: %s\n", turn->choices,
                              choices != NULL ? choices : _("none"));
      ok = FALSE;
    }
  for (guint i = 0; i < turn->variables->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (turn->variables, i), "\n", 2);
      const char *value = va_conversation_get_variable (conversation, parts[0]);

      if (g_strcmp0 (value != NULL ? value : "", parts[1]) != 0)
        {
          g_string_append_printf (diff, "  - [var %s=%s]\n  + %s is %s\n", parts[0], parts[1],
                                  parts[0], value != NULL ? value : _("not set"));
          ok = FALSE;
        }
    }
  if (turn->handoff && (handoff == NULL ||
                        (turn->link != NULL && g_strcmp0 (turn->link, handoff->text) != 0)))
    {
      g_string_append_printf (diff, "  - [handoff%s%s]\n  + %s%s\n",
                              turn->link != NULL ? "=" : "", turn->link != NULL ? turn->link : "",
                              handoff != NULL ? _("handoff to ") : _("no handoff"),
                              handoff != NULL ? (handoff->text != NULL ? handoff->text : _("no link")) : "");
      ok = FALSE;
    }
  if (turn->ended != NULL &&
      (ended == NULL || (turn->ended[0] != '\0' && g_strcmp0 (turn->ended, ended->name) != 0)))
    {
      g_string_append_printf (diff, "  - [ended%s%s]\n  + %s%s\n",
                              turn->ended[0] != '\0' ? "=" : "", turn->ended,
                              ended != NULL ? _("ended: ") : _("not ended"),
                              ended != NULL ? ended->name : "");
      ok = FALSE;
    }
  if (turn->error && !errored)
    {
      g_string_append (diff, _("  - [error]\n  + no error\n"));
      ok = FALSE;
    }
  return ok;
}

static void
collect_event (VaConversation *conversation,
               VaEvent        *event,
               GPtrArray      *events)
{
  (void) conversation;
  g_ptr_array_add (events, va_event_ref (event));
}

/**
 * va_script_run:
 * @script: a script
 * @bot: the bot
 * @recognizer: (nullable): a built recognizer of @bot, shared between scripts
 * @report: where the diff of the first turn that does not match goes
 *
 * Returns: whether the conversation went as the script says
 */
gboolean
va_script_run (VaScript     *script,
               VaBot        *bot,
               VaRecognizer *recognizer,
               GString      *report)
{
  g_autoptr(VaConversation) conversation = va_conversation_new (bot, recognizer);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) va_event_unref);

  g_return_val_if_fail (script != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (script->has_seed)
    va_conversation_set_seed (conversation, script->seed);
  va_conversation_set_now (conversation, script->now);
  va_conversation_set_webhook_enabled (conversation, FALSE);
  for (guint i = 0; i < script->mocks->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (script->mocks, i), "\n", 4);

      va_conversation_add_http_mock (conversation, parts[0], parts[1],
                                     (guint) g_ascii_strtoull (parts[2], NULL, 10), parts[3]);
    }
  g_signal_connect (conversation, "event", G_CALLBACK (collect_event), events);

  for (guint i = 0; i < script->turns->len; i++)
    {
      VaScriptTurn *turn = g_ptr_array_index (script->turns, i);
      g_autoptr(GString) diff = g_string_new (NULL);

      g_ptr_array_set_size (events, 0);
      switch (turn->input)
        {
        case VA_SCRIPT_INPUT_START:
          va_conversation_start (conversation);
          break;
        case VA_SCRIPT_INPUT_USER:
          va_conversation_send (conversation, turn->text);
          break;
        case VA_SCRIPT_INPUT_AGENT:
          va_conversation_agent_message (conversation, turn->text);
          break;
        case VA_SCRIPT_INPUT_STATUS:
          va_conversation_handoff_status (conversation, turn->text, NULL);
          break;
        default:
          break;
        }
      while (va_conversation_get_busy (conversation))
        g_main_context_iteration (NULL, TRUE);

      if (turn->input == VA_SCRIPT_INPUT_START && !turn_has_expectations (turn))
        continue;
      if (!check_turn (turn, conversation, events, diff))
        {
          if (turn->input == VA_SCRIPT_INPUT_START)
            g_string_append_printf (report, _("%s:%u: the conversation start does not match:\n"),
                                    script->name, turn->line);
          else
            g_string_append_printf (report, _("%s:%u: turn %u (%s: %s) does not match:\n"),
                                    script->name, turn->line, i, input_label (turn->input),
                                    turn->text);
          g_string_append (report, diff->str);
          return FALSE;
        }
    }
  return TRUE;
}

/* }}} */
