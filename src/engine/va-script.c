/* va-script.c — transcript scripts: a conversation written down, replayed as a test
 *
 * The format follows the Chatdown .chat convention ("user: …" and "bot: …" lines) with a few
 * directives of ours in brackets; docs/SCRIPTS.md describes it. A script is a list of turns:
 * the conversation start, then one turn per user (or agent, or hub status) line, each with what
 * the bot must say and do in answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-script.h"

#define MAX_SCRIPT_BYTES (16 * 1024 * 1024)
#define MAX_TURNS 100000

G_DEFINE_QUARK (va-script-error-quark, va_script_error)

/* {{{ Data */

static void
turn_free (VaScriptTurn *turn)
{
  g_free (turn->text);
  g_ptr_array_unref (turn->bot);
  g_free (turn->topic);
  g_ptr_array_unref (turn->variables);
  g_free (turn->choices);
  g_free (turn->link);
  g_free (turn->ended);
  g_free (turn);
}

VaScript *
va_script_new (void)
{
  VaScript *script = g_new0 (VaScript, 1);

  script->mocks = g_ptr_array_new_with_free_func (g_free);
  script->turns = g_ptr_array_new_with_free_func ((GDestroyNotify) turn_free);
  va_script_add_turn (script, VA_SCRIPT_INPUT_START, NULL);
  return script;
}

void
va_script_free (VaScript *script)
{
  if (script == NULL)
    return;
  g_free (script->name);
  g_clear_pointer (&script->now, g_date_time_unref);
  g_ptr_array_unref (script->mocks);
  g_ptr_array_unref (script->turns);
  g_free (script);
}

/**
 * va_script_add_turn:
 * @script: a script
 * @input: what starts the turn
 * @text: (nullable): what the user or the agent says, or the hub's status
 *
 * Returns: (transfer none): the new turn, with no expectations yet
 */
VaScriptTurn *
va_script_add_turn (VaScript      *script,
                    VaScriptInput  input,
                    const char    *text)
{
  VaScriptTurn *turn = g_new0 (VaScriptTurn, 1);

  turn->input = input;
  turn->text = g_strdup (text);
  turn->bot = g_ptr_array_new_with_free_func (g_free);
  turn->variables = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (script->turns, turn);
  return turn;
}

/* }}} */
/* {{{ Reading */

/* "\n" stands for a line break and "\\" for a backslash; the rest is as written. */
static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else if (p[0] == '\\' && p[1] == '\\')
        {
          g_string_append_c (out, '\\');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static char *
escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "user: text" or "Joe: text" when the header said user=Joe. */
static const char *
after_speaker (const char *line,
               const char *speaker,
               const char *alias)
{
  const char *names[] = { speaker, alias };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize n;

      if (names[i] == NULL)
        continue;
      n = strlen (names[i]);
      if (g_ascii_strncasecmp (line, names[i], n) == 0 && line[n] == ':')
        return line + n + 1;
    }
  return NULL;
}

static gboolean
parse_directive (VaScript     *script,
                 const char   *body,
                 guint         line,
                 GError      **error)
{
  VaScriptTurn *turn = g_ptr_array_index (script->turns, script->turns->len - 1);
  const char *eq = strchr (body, '=');
  g_autofree char *key = g_strstrip (eq != NULL ? g_strndup (body, eq - body) : g_strdup (body));
  g_autofree char *value = eq != NULL ? unescape (eq + 1) : NULL;

  if (g_str_equal (key, "topic") && value != NULL)
    va_str_set (&turn->topic, value);
  else if (g_str_has_prefix (body, "var ") && eq != NULL)
    {
      g_autofree char *name = g_strstrip (g_strndup (body + 4, eq - body - 4));

      g_ptr_array_add (turn->variables, g_strdup_printf ("%s\n%s", name, value));
    }
  else if (g_str_equal (key, "choices") && value != NULL)
    va_str_set (&turn->choices, value);
  else if (g_str_equal (key, "handoff"))
    {
      turn->handoff = TRUE;
      va_str_set (&turn->link, value != NULL && value[0] != '\0' ? value : NULL);
    }
  else if (g_str_equal (key, "ended"))
    va_str_set (&turn->ended, value != NULL ? value : "");
  else if (g_str_equal (key, "error") && value == NULL)
    turn->error = TRUE;
  else if (g_str_equal (key, "any") && value == NULL)
    turn->any_bot = TRUE;
  else if (g_str_equal (key, "status") && value != NULL)
    va_script_add_turn (script, VA_SCRIPT_INPUT_STATUS, value)->line = line;
  else if (g_str_equal (key, "seed") && value != NULL)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seed, NULL))
        goto bad;
      script->has_seed = TRUE;
      script->seed = (guint32) seed;
    }
  else if (g_str_equal (key, "now") && value != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      g_clear_pointer (&script->now, g_date_time_unref);
      script->now = g_date_time_new_from_iso8601 (value, utc);
      if (script->now == NULL)
        goto bad;
    }
  else if (g_str_has_prefix (body, "mock "))
    {
      /* [mock METHOD URL STATUS BODY...] */
      g_auto(GStrv) parts = g_strsplit (body + 5, " ", 4);
      guint64 status;

      if (g_strv_length (parts) < 3 ||
          !g_ascii_string_to_unsigned (parts[2], 10, 100, 599, &status, NULL))
        goto bad;
      g_autofree char *answer = unescape (parts[3] != NULL ? parts[3] : "");

      g_ptr_array_add (script->mocks, g_strdup_printf ("%s\n%s\n%u\n%s", parts[0], parts[1],
                                                       (guint) status, answer));
    }
  else
    goto bad;
  return TRUE;

bad:
  g_set_error (error, VA_SCRIPT_ERROR, VA_SCRIPT_ERROR_SYNTAX,
               _("%s:%u: “[%s]” is not a directive this format knows"), script->name, line, body);
  return FALSE;
}

/**
 * va_script_parse:
 * @text: the script
 * @length: its length, or -1
 * @name: (nullable): the file name, for messages
 * @error: where a syntax error goes, with its line
 *
 * Returns: (transfer full) (nullable): the script
 */
VaScript *
va_script_parse (const char  *text,
                 gssize       length,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(VaScript) script = va_script_new ();
  g_autofree char *copy = NULL;
  g_autofree char *user_alias = NULL;
  g_autofree char *bot_alias = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  script->name = g_strdup (name != NULL ? name : "script");
  if (length < 0)
    length = strlen (text);
  if (length > MAX_SCRIPT_BYTES)
    {
      g_set_error (error, VA_SCRIPT_ERROR, VA_SCRIPT_ERROR_LIMIT,
                   _("%s: the script is larger than %d MiB"), script->name,
                   MAX_SCRIPT_BYTES / (1024 * 1024));
      return NULL;
    }
  copy = g_utf8_make_valid (text, length);
  lines = g_strsplit (g_str_has_prefix (copy, "\xEF\xBB\xBF") ? copy + 3 : copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint number = i + 1;
      VaScriptTurn *turn = g_ptr_array_index (script->turns, script->turns->len - 1);
      const char *rest;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (script->turns->len > MAX_TURNS)
        {
          g_set_error (error, VA_SCRIPT_ERROR, VA_SCRIPT_ERROR_LIMIT,
                       _("%s:%u: more than %d turns"), script->name, number, MAX_TURNS);
          return NULL;
        }

      if (line[0] == '[' && line[strlen (line) - 1] == ']')
        {
          line[strlen (line) - 1] = '\0';
          if (!parse_directive (script, line + 1, number, error))
            return NULL;
        }
      else if (g_str_has_prefix (line, "user=") && !strchr (line, ':'))
        va_str_set (&user_alias, line + 5);
      else if (g_str_has_prefix (line, "bot=") && !strchr (line, ':'))
        va_str_set (&bot_alias, line + 4);
      else if ((rest = after_speaker (line, "user", user_alias)) != NULL)
        {
          g_autofree char *said = unescape (rest);

          va_script_add_turn (script, VA_SCRIPT_INPUT_USER, said)->line = number;
        }
      else if ((rest = after_speaker (line, "agent", NULL)) != NULL)
        {
          g_autofree char *said = unescape (rest);

          va_script_add_turn (script, VA_SCRIPT_INPUT_AGENT, said)->line = number;
        }
      else if ((rest = after_speaker (line, "bot", bot_alias)) != NULL)
        {
          g_ptr_array_add (turn->bot, unescape (rest));
          if (turn->line == 0)
            turn->line = number;
        }
      else
        {
          g_set_error (error, VA_SCRIPT_ERROR, VA_SCRIPT_ERROR_SYNTAX,
                       _("%s:%u: expected “user:”, “bot:”, “agent:” or a [directive], found “%.40s”"),
                       script->name, number, line);
          return NULL;
        }
    }
  return g_steal_pointer (&script);
}

VaScript *
va_script_load (const char  *path,
                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s: no such script file"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return va_script_parse (contents, length, path, error);
}

/* }}} */
/* {{{ Writing */

static void
write_line (GString    *out,
            const char *prefix,
            const char *text,
            const char *suffix)
{
  g_autofree char *escaped = escape (text);

  g_string_append_printf (out, "%s%s%s\n", prefix, escaped, suffix);
}

/**
 * va_script_to_string:
 * @script: a script
 *
 * Returns: (transfer full): the script in the form va_script_parse() reads
 */
char *
va_script_to_string (VaScript *script)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (script != NULL, NULL);

  g_string_append (out, "# Virtual Agent transcript script: replay it with virtual-agent-cli run\n");
  if (script->has_seed)
    g_string_append_printf (out, "[seed=%u]\n", script->seed);
  if (script->now != NULL)
    {
      g_autofree char *now = g_date_time_format_iso8601 (script->now);
      g_string_append_printf (out, "[now=%s]\n", now);
    }
  for (guint i = 0; i < script->mocks->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (script->mocks, i), "\n", 4);
      g_autofree char *body = escape (parts[3]);

      g_string_append_printf (out, "[mock %s %s %s %s]\n", parts[0], parts[1], parts[2], body);
    }

  for (guint i = 0; i < script->turns->len; i++)
    {
      VaScriptTurn *turn = g_ptr_array_index (script->turns, i);

      switch (turn->input)
        {
        case VA_SCRIPT_INPUT_USER:
          g_string_append_c (out, '\n');
          write_line (out, "user: ", turn->text, "");
          break;
        case VA_SCRIPT_INPUT_AGENT:
          g_string_append_c (out, '\n');
          write_line (out, "agent: ", turn->text, "");
          break;
        case VA_SCRIPT_INPUT_STATUS:
          g_string_append_c (out, '\n');
          write_line (out, "[status=", turn->text, "]");
          break;
        case VA_SCRIPT_INPUT_START:
        default:
          break;
        }
      if (turn->topic != NULL)
        write_line (out, "[topic=", turn->topic, "]");
      if (turn->any_bot)
        g_string_append (out, "[any]\n");
      for (guint j = 0; j < turn->bot->len; j++)
        write_line (out, "bot: ", g_ptr_array_index (turn->bot, j), "");
      if (turn->choices != NULL)
        write_line (out, "[choices=", turn->choices, "]");
      for (guint j = 0; j < turn->variables->len; j++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (turn->variables, j), "\n", 2);
          g_autofree char *prefix = g_strdup_printf ("[var %s=", parts[0]);

          write_line (out, prefix, parts[1], "]");
        }
      if (turn->handoff)
        write_line (out, turn->link != NULL ? "[handoff=" : "[handoff",
                    turn->link != NULL ? turn->link : "", "]");
      if (turn->error)
        g_string_append (out, "[error]\n");
      if (turn->ended != NULL)
        write_line (out, turn->ended[0] != '\0' ? "[ended=" : "[ended", turn->ended, "]");
    }
  return g_string_free (out, FALSE);
}

/* }}} */
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
