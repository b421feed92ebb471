/* va-script.c — transcript scripts: a conversation written down, replayed as a test
 *
 * The format follows the Chatdown .chat convention ("user: …" and "bot: …" lines) with a few
 * directives of ours in brackets; docs/SCRIPTS.md describes it. A script is a list of turns:
 * the conversation start, then one turn per user (or agent, or hub status) line, each with what
 * the bot must say and do in answer.
 *
 * This file holds the data, reading and writing; va-script-run.c replays a script and
 * va-script-recorder.c writes one down as a conversation goes.
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
