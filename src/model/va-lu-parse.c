/* va-lu-parse.c — Bot Framework .lu files: reading the text into the parser's lists
 *
 * Each line is read in turn: "# Name" intent headers and their "- utterance" lines (entity labels
 * and escapes decoded), "@" and "$" entity definitions and their list values, "> !# @app.name"
 * model information. Every limit of the .vabot format is checked here, with the line it is on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-lu-private.h"
#include "va-format.h"

/* Labels inside labels ("{@a={@b=x} y}"); LUIS itself allows a few levels. */
#define MAX_LABEL_DEPTH   10

/* Every string ends up in the .vabot file, whose reader refuses longer ones. */
static gboolean
check_length (VaLuParser  *p,
              const char  *str,
              GError     **error)
{
  gsize length = strlen (str);

  if (length > VA_FORMAT_MAX_STRING)
    return va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("text too long (%zu bytes, at most %d)"),
                       length, VA_FORMAT_MAX_STRING);
  return TRUE;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_blanks (const char *s)
{
  while (is_blank (*s))
    s++;
  /* U+00A0 NO-BREAK SPACE, which the LU grammar counts as white space */
  if ((guchar) s[0] == 0xc2 && (guchar) s[1] == 0xa0)
    return skip_blanks (s + 2);
  return s;
}

/* Columns of leading white space, a tab counting as 4, so "\t- x" and "    - x" agree. */
static int
indent_of (const char *line)
{
  int indent = 0;

  for (; is_blank (*line); line++)
    indent += *line == '\t' ? 4 : 1;
  return indent;
}

static char *
strip_dup (const char *start,
           gssize      length)
{
  char *s = length < 0 ? g_strdup (start) : g_strndup (start, length);

  return g_strstrip (s);
}

/* ------------------------------------------------------------------ */
/* Utterances                                                          */

/* Decodes utterance text from *@s into @out, up to the end or, inside a label (@depth > 0), up
 * to its closing brace, which is left in *@s. "{@entity=value}" (also "{entity=value}" and
 * "{entity:role=value}") becomes "value"; a pattern placeholder "{entity}" becomes "entity" and
 * sets @pattern. The escapes are those of the LU grammar: \{ \} \[ \] \\ \n \r \t.
 */
static gboolean
decode_text (VaLuParser   *p,
             const char  **s,
             GString      *out,
             guint         depth,
             gboolean     *pattern,
             GError      **error)
{
  while (**s != '\0')
    {
      char c = **s;

      if (c == '\\')
        {
          char next = (*s)[1];
          const char *plain = strchr ("{}[]\\", next);

          if (next != '\0' && plain != NULL)
            g_string_append_c (out, next);
          else if (next == 'n')
            g_string_append_c (out, '\n');
          else if (next == 'r')
            g_string_append_c (out, '\r');
          else if (next == 't')
            g_string_append_c (out, '\t');
          else
            {
              /* Any other backslash is a plain character. */
              g_string_append_c (out, '\\');
              (*s)++;
              continue;
            }
          *s += 2;
          continue;
        }

      if (c == '}')
        {
          if (depth == 0)
            return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                               _("\"}\" without \"{\" (write \\} for a brace in the text)"));
          return TRUE;
        }

      if (c == '{')
        {
          const char *head;

          if (depth >= MAX_LABEL_DEPTH)
            return va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("entity labels nested too deeply"));

          head = ++(*s);
          while (**s != '\0' && **s != '=' && **s != '}' && **s != '{')
            (*s)++;

          if (**s == '=')
            {
              g_autoptr(GString) value = g_string_new (NULL);

              (*s)++;
              if (!decode_text (p, s, value, depth + 1, pattern, error))
                return FALSE;
              if (**s != '}')
                return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                                   _("\"{\" is not closed (write \\{ for a brace in the text)"));
              (*s)++;
              /* "{@city = Paris}": the spaces around the value are layout */
              g_strstrip (value->str);
              g_string_append (out, value->str);
            }
          else if (**s == '}')
            {
              g_autofree char *name = strip_dup (head, *s - head);
              char *colon = strchr (name, ':');

              /* "{@entity:role}" names the entity and its role; the entity is the word */
              if (colon != NULL)
                *colon = '\0';
              g_string_append (out, name[0] == '@' ? name + 1 : name);
              *pattern = TRUE;
              (*s)++;
            }
          else
            {
              return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                                 _("\"{\" is not closed (write \\{ for a brace in the text)"));
            }
          continue;
        }

      g_string_append_c (out, c);
      (*s)++;
    }
  return TRUE;
}

static gboolean
add_utterance (VaLuParser  *p,
               const char  *text,
               GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pattern = FALSE;
  VaLuIntent *intent = p->intent;
  char *phrase;

  if (!decode_text (p, &text, out, 0, &pattern, error))
    return FALSE;
  phrase = g_strstrip (out->str);
  if (phrase[0] == '\0')
    {
      va_lu_warn (p, _("empty utterance skipped"));
      return TRUE;
    }
  if (!check_length (p, phrase, error))
    return FALSE;
  if (pattern)
    va_lu_warn (p, _("\"%s\" is a pattern; its placeholders are kept as plain words"), phrase);
  if (g_hash_table_contains (intent->seen, phrase))
    return TRUE;
  if (intent->phrases->len >= VA_LU_MAX_PHRASES)
    return va_lu_fail (p, error, VA_LU_ERROR_LIMIT,
                       _("the intent \"%s\" has more than %d utterances"),
                       intent->name, VA_LU_MAX_PHRASES);

  phrase = g_strdup (phrase);
  g_ptr_array_add (intent->phrases, phrase);
  g_hash_table_add (intent->seen, phrase);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static gboolean
parse_header (VaLuParser  *p,
              const char  *t,
              GError     **error)
{
  g_autofree char *name = NULL;
  VaLuIntent *intent;

  while (*t == '#')
    t++;
  name = strip_dup (skip_blanks (t), -1);

  p->intent = NULL;
  p->entity = NULL;
  p->item = NULL;

  if (name[0] == '?')
    {
      g_autofree char *question = strip_dup (name + 1, -1);

      va_lu_warn (p, _("question and answer \"%s\" skipped (QnA Maker content is not "
                       "imported)"),
                  question);
      p->section = VA_LU_SECTION_QNA;
      return TRUE;
    }
  if (name[0] == '\0')
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an intent needs a name after \"#\""));
  if (!check_length (p, name, error))
    return FALSE;
  if (g_ascii_strcasecmp (name, "None") == 0)
    {
      va_lu_warn (p, _("the None intent is skipped: its utterances are examples of what no topic "
                       "should answer, which the Fallback topic handles"));
      p->section = VA_LU_SECTION_SKIP;
      return TRUE;
    }

  /* A second section with the same name adds to the first. */
  intent = g_hash_table_lookup (p->intents_by_name, name);
  if (intent == NULL)
    {
      if (p->intents->len >= VA_LU_MAX_INTENTS)
        return va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("more than %d intents"),
                           VA_LU_MAX_INTENTS);
      intent = g_new0 (VaLuIntent, 1);
      intent->name = g_steal_pointer (&name);
      intent->line = p->line;
      intent->phrases = g_ptr_array_new_with_free_func (g_free);
      intent->seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_add (p->intents, intent);
      g_hash_table_insert (p->intents_by_name, intent->name, intent);
    }
  p->intent = intent;
  p->section = VA_LU_SECTION_INTENT;
  return TRUE;
}

/* Sets *@out to the entity named @name, added when new; to %NULL when another definition of
 * another type holds the name (a warning, not an error).
 */
static gboolean
find_or_add_entity (VaLuParser    *p,
                    const char    *name,
                    VaEntityKind   kind,
                    VaLuEntity   **out,
                    GError       **error)
{
  VaLuEntity *entity = g_hash_table_lookup (p->entities_by_name, name);

  *out = NULL;
  if (entity != NULL)
    {
      if (entity->kind != kind)
        va_lu_warn (p, _("the entity \"%s\" is defined again with another type; the first "
                         "definition is kept"),
                    name);
      else
        *out = entity;
      return TRUE;
    }
  if (!check_length (p, name, error))
    return FALSE;
  if (p->entities->len >= VA_FORMAT_MAX_LIST)
    return va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("more than %d entities"), VA_FORMAT_MAX_LIST);
  entity = g_new0 (VaLuEntity, 1);
  entity->name = g_strdup (name);
  entity->kind = kind;
  entity->items = g_ptr_array_new_with_free_func ((GDestroyNotify) va_lu_item_free);
  g_ptr_array_add (p->entities, entity);
  g_hash_table_insert (p->entities_by_name, entity->name, entity);
  *out = entity;
  return TRUE;
}

static VaLuItem *
find_or_add_item (VaLuParser  *p,
                  VaLuEntity  *entity,
                  const char  *value,
                  int          indent,
                  GError     **error)
{
  VaLuItem *item;

  if (!check_length (p, value, error))
    return NULL;
  for (guint i = 0; i < entity->items->len; i++)
    {
      item = g_ptr_array_index (entity->items, i);
      if (g_str_equal (item->value, value))
        {
          item->indent = indent;
          return item;
        }
    }
  if (entity->items->len >= VA_FORMAT_MAX_LIST)
    {
      va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("the entity \"%s\" has more than %d values"),
                  entity->name, VA_FORMAT_MAX_LIST);
      return NULL;
    }
  item = g_new0 (VaLuItem, 1);
  item->value = g_strdup (value);
  item->synonyms = g_ptr_array_new_with_free_func (g_free);
  item->indent = indent;
  g_ptr_array_add (entity->items, item);
  return item;
}

static gboolean
add_synonym (VaLuParser  *p,
             VaLuItem    *item,
             const char  *synonym,
             GError     **error)
{
  if (synonym[0] == '\0' || g_str_equal (synonym, item->value))
    return TRUE;
  if (!check_length (p, synonym, error))
    return FALSE;
  for (guint i = 0; i < item->synonyms->len; i++)
    if (g_str_equal (g_ptr_array_index (item->synonyms, i), synonym))
      return TRUE;
  if (item->synonyms->len >= VA_FORMAT_MAX_LIST)
    return va_lu_fail (p, error, VA_LU_ERROR_LIMIT, _("the value \"%s\" has more than %d synonyms"),
                       item->value, VA_FORMAT_MAX_LIST);
  g_ptr_array_add (item->synonyms, g_strdup (synonym));
  return TRUE;
}

static gboolean
set_regex (VaLuParser  *p,
           const char  *name,
           const char  *definition,
           GError     **error)
{
  gsize length = strlen (definition);
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  VaLuEntity *entity;

  if (length < 2 || definition[0] != '/' || definition[length - 1] != '/')
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                       _("a regular expression entity needs its pattern between slashes, as in "
                         "\"@ regex name = /pattern/\""));
  pattern = g_strndup (definition + 1, length - 2);
  if (!check_length (p, pattern, error))
    return FALSE;
  regex = g_regex_new (pattern, 0, 0, &regex_error);
  if (regex == NULL)
    {
      va_lu_warn (p, _("the entity \"%s\" is skipped: invalid regular expression: %s"), name,
                  regex_error->message);
      return TRUE;
    }

  if (g_hash_table_contains (p->entities_by_name, name))
    {
      va_lu_warn (p, _("the entity \"%s\" is defined again; the first definition is kept"), name);
      return TRUE;
    }
  if (!find_or_add_entity (p, name, VA_ENTITY_KIND_REGEX, &entity, error))
    return FALSE;
  entity->pattern = g_steal_pointer (&pattern);
  return TRUE;
}

static const char *
read_word (const char  *s,
           char       **word)
{
  const char *start = s;

  while (g_ascii_isalnum (*s) || *s == '-' || *s == '_' || *s == '.')
    s++;
  *word = g_strndup (start, s - start);
  return s;
}

/* "@ type name [hasRoles r1, r2] [usesFeatures f] [= definition]", the current syntax. */
static gboolean
parse_entity (VaLuParser  *p,
              const char  *t,
              GError     **error)
{
  g_autofree char *type = NULL;
  g_autofree char *name = NULL;
  const char *equal;
  const char *definition = NULL;

  p->intent = NULL;
  p->entity = NULL;
  p->item = NULL;
  p->section = VA_LU_SECTION_SKIP;

  t = read_word (skip_blanks (t + 1), &type);
  t = skip_blanks (t);
  if (*t == '"' || *t == '\'')
    {
      const char *end = strchr (t + 1, *t);

      if (end == NULL)
        return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the entity name has no closing quote"));
      name = strip_dup (t + 1, end - t - 1);
      t = end + 1;
    }
  else
    {
      const char *start = t;

      while (*t != '\0' && !is_blank (*t) && *t != '=')
        t++;
      name = g_strndup (start, t - start);
    }
  equal = strchr (t, '=');
  if (equal != NULL)
    definition = skip_blanks (equal + 1);

  if (type[0] == '\0')
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("expected an entity type after \"@\""));

  /* "@ name = …" goes on with an entity declared earlier, as "@ list name" then "@ name =". */
  if (name[0] == '\0' || g_str_equal (name, "="))
    {
      VaLuEntity *entity = g_hash_table_lookup (p->entities_by_name, type);

      if (entity != NULL && entity->kind == VA_ENTITY_KIND_LIST)
        {
          p->entity = entity;
          p->section = VA_LU_SECTION_LIST;
          return TRUE;
        }
      return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an entity needs a type and a name, as in "
                                                     "\"@ list name =\""));
    }

  if (g_ascii_strcasecmp (type, "list") == 0)
    {
      if (!find_or_add_entity (p, name, VA_ENTITY_KIND_LIST, &p->entity, error))
        return FALSE;
      if (p->entity != NULL)
        p->section = VA_LU_SECTION_LIST;
      if (definition != NULL && *definition != '\0')
        va_lu_warn (p, _("text after \"=\" ignored: list values go on the next lines, as "
                         "\"- value :\""));
      return TRUE;
    }
  if (g_ascii_strcasecmp (type, "regex") == 0)
    {
      g_autofree char *pattern = definition != NULL ? strip_dup (definition, -1) : g_strdup ("");

      return set_regex (p, name, pattern, error);
    }
  if (g_ascii_strcasecmp (type, "prebuilt") == 0)
    return TRUE; /* the bot has its own prebuilt entities */

  va_lu_warn (p, _("the %s entity \"%s\" is skipped (only list and regular expression entities "
                   "are imported)"),
              type, name);
  return TRUE;
}

/* "$name:value=", "$name:/pattern/", "$PREBUILT:number", "$name:simple": the LUDown syntax. */
static gboolean
parse_old_entity (VaLuParser  *p,
                  const char  *t,
                  GError     **error)
{
  const char *colon = strchr (t, ':');
  g_autofree char *name = NULL;
  g_autofree char *definition = NULL;
  gsize length;

  p->intent = NULL;
  p->entity = NULL;
  p->item = NULL;
  p->section = VA_LU_SECTION_SKIP;

  if (colon == NULL)
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("expected \"$name:definition\""));
  name = strip_dup (t + 1, colon - t - 1);
  definition = strip_dup (colon + 1, -1);
  length = strlen (definition);
  if (name[0] == '\0')
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an entity needs a name after \"$\""));

  if (g_ascii_strcasecmp (name, "PREBUILT") == 0)
    return TRUE;
  if (definition[0] == '/')
    return set_regex (p, name, definition, error);
  if (length > 0 && definition[length - 1] == '=')
    {
      g_autofree char *value = strip_dup (definition, length - 1);

      if (value[0] == '\0')
        return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                           _("a list value needs a name, as in \"$name:value=\""));
      if (!find_or_add_entity (p, name, VA_ENTITY_KIND_LIST, &p->entity, error))
        return FALSE;
      if (p->entity == NULL)
        return TRUE;
      p->item = find_or_add_item (p, p->entity, value, -1, error);
      if (p->item == NULL)
        return FALSE;
      p->section = VA_LU_SECTION_OLD_LIST;
      return TRUE;
    }

  va_lu_warn (p, _("the entity \"%s\" (%s) is skipped (only list and regular expression "
                   "entities are imported)"),
              name, definition);
  return TRUE;
}

static gboolean
parse_list_line (VaLuParser  *p,
                 int          indent,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *item_text = strip_dup (text, -1);
  gsize length = strlen (item_text);

  if (p->section == VA_LU_SECTION_OLD_LIST)
    return add_synonym (p, p->item, item_text, error);

  /* "- value :" starts a value; deeper "- synonym" lines belong to it. */
  if (p->item != NULL && indent > p->item->indent)
    return add_synonym (p, p->item, item_text, error);
  if (length > 0 && item_text[length - 1] == ':')
    item_text[length - 1] = '\0';
  g_strstrip (item_text);
  if (item_text[0] == '\0')
    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                       _("a list value needs a name, as in \"- value :\""));
  p->item = find_or_add_item (p, p->entity, item_text, indent, error);
  return p->item != NULL;
}

static void
parse_model_info (VaLuParser *p,
                  const char *t)
{
  const char *equal;
  g_autofree char *key = NULL;

  t = skip_blanks (t + 1);
  if (!g_str_has_prefix (t, "!#"))
    return;
  t = skip_blanks (t + 2);
  equal = strchr (t, '=');
  if (*t != '@' || equal == NULL)
    return;
  key = strip_dup (t + 1, equal - t - 1);
  if (g_ascii_strcasecmp (key, "app.name") == 0)
    {
      g_free (p->app_name);
      p->app_name = strip_dup (equal + 1, -1);
    }
  else if (g_ascii_strcasecmp (key, "app.culture") == 0)
    {
      g_free (p->culture);
      p->culture = strip_dup (equal + 1, -1);
    }
}

static gboolean
parse_line (VaLuParser  *p,
            const char  *line,
            GError     **error)
{
  const char *t = skip_blanks (line);

  if (p->in_fence)
    {
      if (g_str_has_prefix (t, "```"))
        p->in_fence = FALSE;
      return TRUE;
    }
  if (g_str_has_prefix (t, "```"))
    {
      /* A QnA answer; anywhere else a code block is not ours either. */
      p->in_fence = TRUE;
      return TRUE;
    }

  switch (*t)
    {
    case '\0':
      return TRUE;
    case '>':
      parse_model_info (p, t);
      return TRUE;
    case '#':
      return parse_header (p, t, error);
    case '@':
      return parse_entity (p, t, error);
    case '$':
      return parse_old_entity (p, t, error);
    default:
      break;
    }

  if (*t == '[' && strstr (t, "](") != NULL)
    {
      g_autofree char *reference = strip_dup (t, -1);

      va_lu_warn (p, _("the reference %s is skipped (referenced files are not imported)"),
                  reference);
      return TRUE;
    }

  if (p->section == VA_LU_SECTION_QNA || p->section == VA_LU_SECTION_SKIP)
    return TRUE;

  if (*t == '-' || *t == '+' || *t == '*')
    {
      const char *text = skip_blanks (t + 1);

      switch (p->section)
        {
        case VA_LU_SECTION_INTENT:
          return add_utterance (p, text, error);
        case VA_LU_SECTION_LIST:
        case VA_LU_SECTION_OLD_LIST:
          return parse_list_line (p, indent_of (line), text, error);
        case VA_LU_SECTION_NONE:
        case VA_LU_SECTION_SKIP:
        case VA_LU_SECTION_QNA:
        default:
          return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                             _("an utterance outside an intent (start an intent with \"# Name\")"));
        }
    }

  {
    g_autofree char *start = g_utf8_substring (t, 0, MIN (40, g_utf8_strlen (t, -1)));

    return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                       _("unexpected text \"%s\" (an utterance starts with \"- \", an intent "
                         "with \"# \")"),
                       start);
  }
}

gboolean
va_lu_parse_text (VaLuParser  *p,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  const char *end = text + length;
  const char *start = text;

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    start += 3;

  while (start < end)
    {
      const char *newline = memchr (start, '\n', end - start);
      const char *line_end = newline != NULL ? newline : end;
      g_autofree char *line = NULL;
      gsize line_length;

      p->line++;
      line_length = line_end - start;
      if (line_length > 0 && start[line_length - 1] == '\r')
        line_length--;
      if (memchr (start, '\0', line_length) != NULL)
        return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the text holds a NUL byte"));
      if (!g_utf8_validate_len (start, line_length, NULL))
        return va_lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the text is not valid UTF-8"));

      line = g_strndup (start, line_length);
      if (!parse_line (p, line, error))
        return FALSE;
      start = newline != NULL ? newline + 1 : end;
    }

  return TRUE;
}
