/* va-lu.c — Bot Framework .lu files: import (the export is in va-lu-export.c)
 *
 * A .lu file (LUDown, Bot Framework Composer) lists intents as "# Name" sections of "- utterance"
 * lines, and entities as "@ list", "@ regex" definitions (or the older "$name:value=" lines).
 * Importing reads the file into plain lists first, checking every limit with its line number, and
 * builds the bot only once the whole file is known to be good: a hostile file never gets a
 * half-built bot, and the limits are those of the .vabot format, so an imported bot always saves
 * and loads again.
 *
 * What a bot has no place for (QnA pairs, references to other files, machine-learned entities,
 * the None intent) is skipped and reported as a warning, each with its line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-lu.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-format.h"
#include "va-message-node.h"
#include "va-template.h"
#include "va-topic.h"

G_DEFINE_QUARK (va-lu-error-quark, va_lu_error)

/* Beyond this, warnings are counted but not listed: a generated file may have thousands. */
#define MAX_WARNINGS      200
/* Labels inside labels ("{@a={@b=x} y}"); LUIS itself allows a few levels. */
#define MAX_LABEL_DEPTH   10

typedef struct
{
  char      *name;
  guint      line;    /* of its first "# Name" */
  GPtrArray *phrases; /* char* */
  GHashTable *seen;   /* the phrases, borrowed */
} LuIntent;

typedef struct
{
  char      *value;
  GPtrArray *synonyms; /* char* */
  int        indent;   /* of the "- value :" line; synonyms are indented deeper */
} LuItem;

typedef struct
{
  char         *name;
  VaEntityKind  kind;
  char         *pattern;
  GPtrArray    *items; /* LuItem* */
} LuEntity;

typedef enum
{
  SECTION_NONE,
  SECTION_INTENT,
  SECTION_SKIP,     /* the None intent, an entity we do not import: its lines are ignored */
  SECTION_QNA,
  SECTION_LIST,     /* "@ list name =" */
  SECTION_OLD_LIST, /* "$name:value=": every "- synonym" belongs to that value */
} Section;

typedef struct
{
  GPtrArray  *intents;          /* LuIntent*, in file order */
  GHashTable *intents_by_name;  /* name → LuIntent* */
  GPtrArray  *entities;         /* LuEntity*, in file order */
  GHashTable *entities_by_name; /* name → LuEntity* */
  GPtrArray  *warnings;         /* char*, or NULL when nobody listens */
  GArray     *warning_lines;    /* guint, the line of each warning */
  guint       n_warnings;
  char       *app_name;
  char       *culture;

  guint       line;
  Section     section;
  LuIntent   *intent;
  LuEntity   *entity;
  LuItem     *item;
  gboolean    in_fence;
} LuParser;

static void
lu_intent_free (LuIntent *intent)
{
  g_free (intent->name);
  g_ptr_array_unref (intent->phrases);
  g_hash_table_unref (intent->seen);
  g_free (intent);
}

static void
lu_item_free (LuItem *item)
{
  g_free (item->value);
  g_ptr_array_unref (item->synonyms);
  g_free (item);
}

static void
lu_entity_free (LuEntity *entity)
{
  g_free (entity->name);
  g_free (entity->pattern);
  g_ptr_array_unref (entity->items);
  g_free (entity);
}

static void
lu_parser_init (LuParser  *p,
                GPtrArray *warnings)
{
  memset (p, 0, sizeof *p);
  p->intents = g_ptr_array_new_with_free_func ((GDestroyNotify) lu_intent_free);
  p->intents_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  p->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) lu_entity_free);
  p->entities_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  p->warnings = warnings;
  p->warning_lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
lu_parser_clear (LuParser *p)
{
  g_clear_pointer (&p->intents_by_name, g_hash_table_unref);
  g_clear_pointer (&p->intents, g_ptr_array_unref);
  g_clear_pointer (&p->entities_by_name, g_hash_table_unref);
  g_clear_pointer (&p->entities, g_ptr_array_unref);
  g_clear_pointer (&p->app_name, g_free);
  g_clear_pointer (&p->culture, g_free);
  g_clear_pointer (&p->warning_lines, g_array_unref);
}

G_GNUC_PRINTF (3, 0)
static void
lu_warn_valist (LuParser   *p,
                guint       line,
                const char *format,
                va_list     args)
{
  g_autofree char *message = NULL;

  p->n_warnings++;
  if (p->warnings == NULL || p->n_warnings > MAX_WARNINGS)
    return;

  message = g_strdup_vprintf (format, args);
  /* Translators: a warning about one line of a .lu file */
  g_ptr_array_add (p->warnings, g_strdup_printf (_("line %u: %s"), line, message));
  g_array_append_val (p->warning_lines, line);
}

/* Warnings found while building the bot are about earlier lines: put them in file order. */
static void
sort_warnings (LuParser *p)
{
  guint n = p->warnings->len;
  g_autofree guint *order = NULL;
  g_autofree gpointer *sorted = NULL;

  if (n < 2)
    return;
  order = g_new (guint, n);
  sorted = g_new (gpointer, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* insertion sort: stable, and warnings are few (at most MAX_WARNINGS) and nearly in order */
  for (guint i = 1; i < n; i++)
    {
      guint k = order[i], j = i;

      while (j > 0 && g_array_index (p->warning_lines, guint, order[j - 1]) >
                      g_array_index (p->warning_lines, guint, k))
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = k;
    }
  for (guint i = 0; i < n; i++)
    sorted[i] = p->warnings->pdata[order[i]];
  memcpy (p->warnings->pdata, sorted, n * sizeof (gpointer));
}

/* A warning about the line being read. */
G_GNUC_PRINTF (2, 3)
static void
lu_warn (LuParser   *p,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  lu_warn_valist (p, p->line, format, args);
  va_end (args);
}

/* A warning found later about an earlier line. */
G_GNUC_PRINTF (3, 4)
static void
lu_warn_at (LuParser   *p,
            guint       line,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  lu_warn_valist (p, line, format, args);
  va_end (args);
}

G_GNUC_PRINTF (4, 5)
static gboolean
lu_fail (LuParser    *p,
         GError     **error,
         VaLuError    code,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VA_LU_ERROR, code, _("line %u: %s"), p->line, message);
  return FALSE;
}

/* Every string ends up in the .vabot file, whose reader refuses longer ones. */
static gboolean
check_length (LuParser    *p,
              const char  *str,
              GError     **error)
{
  gsize length = strlen (str);

  if (length > VA_FORMAT_MAX_STRING)
    return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("text too long (%zu bytes, at most %d)"),
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
decode_text (LuParser     *p,
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
            return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                            _("\"}\" without \"{\" (write \\} for a brace in the text)"));
          return TRUE;
        }

      if (c == '{')
        {
          const char *head;

          if (depth >= MAX_LABEL_DEPTH)
            return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("entity labels nested too deeply"));

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
                return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
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
              return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
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
add_utterance (LuParser    *p,
               const char  *text,
               GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pattern = FALSE;
  LuIntent *intent = p->intent;
  char *phrase;

  if (!decode_text (p, &text, out, 0, &pattern, error))
    return FALSE;
  phrase = g_strstrip (out->str);
  if (phrase[0] == '\0')
    {
      lu_warn (p, _("empty utterance skipped"));
      return TRUE;
    }
  if (!check_length (p, phrase, error))
    return FALSE;
  if (pattern)
    lu_warn (p, _("\"%s\" is a pattern; its placeholders are kept as plain words"), phrase);
  if (g_hash_table_contains (intent->seen, phrase))
    return TRUE;
  if (intent->phrases->len >= VA_LU_MAX_PHRASES)
    return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("the intent \"%s\" has more than %d utterances"),
                    intent->name, VA_LU_MAX_PHRASES);

  phrase = g_strdup (phrase);
  g_ptr_array_add (intent->phrases, phrase);
  g_hash_table_add (intent->seen, phrase);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static gboolean
parse_header (LuParser    *p,
              const char  *t,
              GError     **error)
{
  g_autofree char *name = NULL;
  LuIntent *intent;

  while (*t == '#')
    t++;
  name = strip_dup (skip_blanks (t), -1);

  p->intent = NULL;
  p->entity = NULL;
  p->item = NULL;

  if (name[0] == '?')
    {
      g_autofree char *question = strip_dup (name + 1, -1);

      lu_warn (p, _("question and answer \"%s\" skipped (QnA Maker content is not imported)"), question);
      p->section = SECTION_QNA;
      return TRUE;
    }
  if (name[0] == '\0')
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an intent needs a name after \"#\""));
  if (!check_length (p, name, error))
    return FALSE;
  if (g_ascii_strcasecmp (name, "None") == 0)
    {
      lu_warn (p, _("the None intent is skipped: its utterances are examples of what no topic "
                    "should answer, which the Fallback topic handles"));
      p->section = SECTION_SKIP;
      return TRUE;
    }

  /* A second section with the same name adds to the first. */
  intent = g_hash_table_lookup (p->intents_by_name, name);
  if (intent == NULL)
    {
      if (p->intents->len >= VA_LU_MAX_INTENTS)
        return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("more than %d intents"), VA_LU_MAX_INTENTS);
      intent = g_new0 (LuIntent, 1);
      intent->name = g_steal_pointer (&name);
      intent->line = p->line;
      intent->phrases = g_ptr_array_new_with_free_func (g_free);
      intent->seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_add (p->intents, intent);
      g_hash_table_insert (p->intents_by_name, intent->name, intent);
    }
  p->intent = intent;
  p->section = SECTION_INTENT;
  return TRUE;
}

/* Sets *@out to the entity named @name, added when new; to %NULL when another definition of
 * another type holds the name (a warning, not an error).
 */
static gboolean
find_or_add_entity (LuParser      *p,
                    const char    *name,
                    VaEntityKind   kind,
                    LuEntity     **out,
                    GError       **error)
{
  LuEntity *entity = g_hash_table_lookup (p->entities_by_name, name);

  *out = NULL;
  if (entity != NULL)
    {
      if (entity->kind != kind)
        lu_warn (p, _("the entity \"%s\" is defined again with another type; the first definition is kept"),
                 name);
      else
        *out = entity;
      return TRUE;
    }
  if (!check_length (p, name, error))
    return FALSE;
  if (p->entities->len >= VA_FORMAT_MAX_LIST)
    return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("more than %d entities"), VA_FORMAT_MAX_LIST);
  entity = g_new0 (LuEntity, 1);
  entity->name = g_strdup (name);
  entity->kind = kind;
  entity->items = g_ptr_array_new_with_free_func ((GDestroyNotify) lu_item_free);
  g_ptr_array_add (p->entities, entity);
  g_hash_table_insert (p->entities_by_name, entity->name, entity);
  *out = entity;
  return TRUE;
}

static LuItem *
find_or_add_item (LuParser    *p,
                  LuEntity    *entity,
                  const char  *value,
                  int          indent,
                  GError     **error)
{
  LuItem *item;

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
      lu_fail (p, error, VA_LU_ERROR_LIMIT, _("the entity \"%s\" has more than %d values"),
               entity->name, VA_FORMAT_MAX_LIST);
      return NULL;
    }
  item = g_new0 (LuItem, 1);
  item->value = g_strdup (value);
  item->synonyms = g_ptr_array_new_with_free_func (g_free);
  item->indent = indent;
  g_ptr_array_add (entity->items, item);
  return item;
}

static gboolean
add_synonym (LuParser    *p,
             LuItem      *item,
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
    return lu_fail (p, error, VA_LU_ERROR_LIMIT, _("the value \"%s\" has more than %d synonyms"),
                    item->value, VA_FORMAT_MAX_LIST);
  g_ptr_array_add (item->synonyms, g_strdup (synonym));
  return TRUE;
}

static gboolean
set_regex (LuParser    *p,
           const char  *name,
           const char  *definition,
           GError     **error)
{
  gsize length = strlen (definition);
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  LuEntity *entity;

  if (length < 2 || definition[0] != '/' || definition[length - 1] != '/')
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                    _("a regular expression entity needs its pattern between slashes, as in "
                      "\"@ regex name = /pattern/\""));
  pattern = g_strndup (definition + 1, length - 2);
  if (!check_length (p, pattern, error))
    return FALSE;
  regex = g_regex_new (pattern, 0, 0, &regex_error);
  if (regex == NULL)
    {
      lu_warn (p, _("the entity \"%s\" is skipped: invalid regular expression: %s"), name,
               regex_error->message);
      return TRUE;
    }

  if (g_hash_table_contains (p->entities_by_name, name))
    {
      lu_warn (p, _("the entity \"%s\" is defined again; the first definition is kept"), name);
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
parse_entity (LuParser    *p,
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
  p->section = SECTION_SKIP;

  t = read_word (skip_blanks (t + 1), &type);
  t = skip_blanks (t);
  if (*t == '"' || *t == '\'')
    {
      const char *end = strchr (t + 1, *t);

      if (end == NULL)
        return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the entity name has no closing quote"));
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
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("expected an entity type after \"@\""));

  /* "@ name = …" goes on with an entity declared earlier, as "@ list name" then "@ name =". */
  if (name[0] == '\0' || g_str_equal (name, "="))
    {
      LuEntity *entity = g_hash_table_lookup (p->entities_by_name, type);

      if (entity != NULL && entity->kind == VA_ENTITY_KIND_LIST)
        {
          p->entity = entity;
          p->section = SECTION_LIST;
          return TRUE;
        }
      return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an entity needs a type and a name, as in "
                                                     "\"@ list name =\""));
    }

  if (g_ascii_strcasecmp (type, "list") == 0)
    {
      if (!find_or_add_entity (p, name, VA_ENTITY_KIND_LIST, &p->entity, error))
        return FALSE;
      if (p->entity != NULL)
        p->section = SECTION_LIST;
      if (definition != NULL && *definition != '\0')
        lu_warn (p, _("text after \"=\" ignored: list values go on the next lines, as \"- value :\""));
      return TRUE;
    }
  if (g_ascii_strcasecmp (type, "regex") == 0)
    {
      g_autofree char *pattern = definition != NULL ? strip_dup (definition, -1) : g_strdup ("");

      return set_regex (p, name, pattern, error);
    }
  if (g_ascii_strcasecmp (type, "prebuilt") == 0)
    return TRUE; /* the bot has its own prebuilt entities */

  lu_warn (p, _("the %s entity \"%s\" is skipped (only list and regular expression entities are imported)"),
           type, name);
  return TRUE;
}

/* "$name:value=", "$name:/pattern/", "$PREBUILT:number", "$name:simple": the LUDown syntax. */
static gboolean
parse_old_entity (LuParser    *p,
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
  p->section = SECTION_SKIP;

  if (colon == NULL)
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("expected \"$name:definition\""));
  name = strip_dup (t + 1, colon - t - 1);
  definition = strip_dup (colon + 1, -1);
  length = strlen (definition);
  if (name[0] == '\0')
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("an entity needs a name after \"$\""));

  if (g_ascii_strcasecmp (name, "PREBUILT") == 0)
    return TRUE;
  if (definition[0] == '/')
    return set_regex (p, name, definition, error);
  if (length > 0 && definition[length - 1] == '=')
    {
      g_autofree char *value = strip_dup (definition, length - 1);

      if (value[0] == '\0')
        return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("a list value needs a name, as in \"$name:value=\""));
      if (!find_or_add_entity (p, name, VA_ENTITY_KIND_LIST, &p->entity, error))
        return FALSE;
      if (p->entity == NULL)
        return TRUE;
      p->item = find_or_add_item (p, p->entity, value, -1, error);
      if (p->item == NULL)
        return FALSE;
      p->section = SECTION_OLD_LIST;
      return TRUE;
    }

  lu_warn (p, _("the entity \"%s\" (%s) is skipped (only list and regular expression entities are imported)"),
           name, definition);
  return TRUE;
}

static gboolean
parse_list_line (LuParser    *p,
                 int          indent,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *item_text = strip_dup (text, -1);
  gsize length = strlen (item_text);

  if (p->section == SECTION_OLD_LIST)
    return add_synonym (p, p->item, item_text, error);

  /* "- value :" starts a value; deeper "- synonym" lines belong to it. */
  if (p->item != NULL && indent > p->item->indent)
    return add_synonym (p, p->item, item_text, error);
  if (length > 0 && item_text[length - 1] == ':')
    item_text[length - 1] = '\0';
  g_strstrip (item_text);
  if (item_text[0] == '\0')
    return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("a list value needs a name, as in \"- value :\""));
  p->item = find_or_add_item (p, p->entity, item_text, indent, error);
  return p->item != NULL;
}

static void
parse_model_info (LuParser   *p,
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
parse_line (LuParser    *p,
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

      lu_warn (p, _("the reference %s is skipped (referenced files are not imported)"), reference);
      return TRUE;
    }

  if (p->section == SECTION_QNA || p->section == SECTION_SKIP)
    return TRUE;

  if (*t == '-' || *t == '+' || *t == '*')
    {
      const char *text = skip_blanks (t + 1);

      switch (p->section)
        {
        case SECTION_INTENT:
          return add_utterance (p, text, error);
        case SECTION_LIST:
        case SECTION_OLD_LIST:
          return parse_list_line (p, indent_of (line), text, error);
        case SECTION_NONE:
        case SECTION_SKIP:
        case SECTION_QNA:
        default:
          return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                          _("an utterance outside an intent (start an intent with \"# Name\")"));
        }
    }

  {
    g_autofree char *start = g_utf8_substring (t, 0, MIN (40, g_utf8_strlen (t, -1)));

    return lu_fail (p, error, VA_LU_ERROR_SYNTAX,
                    _("unexpected text \"%s\" (an utterance starts with \"- \", an intent with \"# \")"),
                    start);
  }
}

static gboolean
parse_text (LuParser    *p,
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
        return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the text holds a NUL byte"));
      if (!g_utf8_validate_len (start, line_length, NULL))
        return lu_fail (p, error, VA_LU_ERROR_SYNTAX, _("the text is not valid UTF-8"));

      line = g_strndup (start, line_length);
      if (!parse_line (p, line, error))
        return FALSE;
      start = newline != NULL ? newline + 1 : end;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Building the bot                                                    */

/* "Imported bot" → "imported-bot": the same shape as topic ids. */
static char *
make_slug (const char *name,
           const char *fallback)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const char *s = ascii; *s != '\0' && slug->len < 40; s++)
    {
      if (g_ascii_isalnum (*s))
        g_string_append_c (slug, g_ascii_tolower (*s));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, fallback);
  return g_string_free (slug, FALSE);
}

/* An entity's id keeps its name's case ("cityList"): question nodes name entities by id. */
static char *
make_entity_id (const char *name,
                GHashTable *taken)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) base = g_string_new (NULL);
  char *id;

  for (const char *s = ascii; *s != '\0' && base->len < 100; s++)
    g_string_append_c (base, g_ascii_isalnum (*s) || *s == '-' || *s == '.' ? *s : '_');
  if (base->len == 0)
    g_string_assign (base, "entity");

  id = g_strdup (base->str);
  for (guint i = 2; va_entity_is_prebuilt (id) || g_hash_table_contains (taken, id); i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, i);
    }
  return id;
}

/* va_bot_make_topic_id() looks through every topic; the new topics are not in the bot yet, so
 * their ids are kept apart here and a clash numbers the id ("help" → "help-2"). The id, not the
 * name: names that differ only past the id's 40 characters would give the same id whatever number
 * they end with. @numbers holds the last number each id got, so many such names stay linear.
 */
static char *
make_topic_id (VaBot      *bot,
               const char *name,
               GHashTable *taken,
               GHashTable *numbers)
{
  char *base = va_bot_make_topic_id (bot, name);
  char *id;
  guint i;

  if (!g_hash_table_contains (taken, base))
    return base;
  i = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, base));
  id = NULL;
  do
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, i = MAX (i + 1, 2));
    }
  while (g_hash_table_contains (taken, id) || va_bot_find_topic (bot, id, NULL) != NULL);
  g_hash_table_insert (numbers, base, GUINT_TO_POINTER (i));
  return id;
}

static VaTopic *
new_intent_topic (const char         *id,
                  const char         *name,
                  const char * const *phrases)
{
  VaTopic *topic = va_topic_new ();
  g_autoptr(VaMessageNode) node = NULL;
  g_autofree char *node_id = NULL;
  g_autofree char *shown = g_strdup (name);
  g_autofree char *text = NULL;

  va_topic_set_id (topic, id);
  va_topic_set_name (topic, name);
  va_topic_set_trigger_phrases (topic, phrases);

  /* Braces in a message interpolate variables; a name is plain text. */
  g_strdelimit (shown, "{", '(');
  g_strdelimit (shown, "}", ')');
  /* The bot speaks its own language, English like the template, not the author's locale. */
  text = g_strdup_printf ("This is the %s topic.", shown);
  node_id = va_topic_make_node_id (topic);
  node = va_message_node_new (node_id);
  va_message_node_set_text (node, text);
  g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), node);
  va_topic_set_start (topic, node_id);
  return topic;
}

/* The system topic named @name that users start with their own words (Greeting, Goodbye, …). */
static VaTopic *
find_phrase_system_topic (VaBot      *bot,
                          const char *name)
{
  GListModel *topics = va_bot_get_topics (bot);
  g_autofree char *key = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      const char * const *phrases = va_topic_get_trigger_phrases (topic);

      g_autofree char *topic_key = NULL;

      if (!va_topic_is_system (topic) || phrases == NULL || phrases[0] == NULL)
        continue;
      topic_key = g_utf8_casefold (va_topic_get_name (topic), -1);
      if (g_str_equal (topic_key, key))
        return topic;
    }
  return NULL;
}

static void
merge_phrases (LuParser *p,
               VaTopic  *topic,
               LuIntent *intent)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) merged = NULL;
  const char * const *old = va_topic_get_trigger_phrases (topic);
  guint n = old != NULL ? g_strv_length ((GStrv) old) : 0;

  if (old != NULL)
    g_strv_builder_addv (builder, (const char **) old);
  for (guint i = 0; i < intent->phrases->len; i++)
    {
      const char *phrase = g_ptr_array_index (intent->phrases, i);

      if (old != NULL && g_strv_contains (old, phrase))
        continue;
      if (n++ >= VA_FORMAT_MAX_LIST)
        {
          lu_warn_at (p, intent->line, _("the topic \"%s\" is full; utterances after the %dth are skipped"),
                      va_topic_get_name (topic), VA_FORMAT_MAX_LIST);
          break;
        }
      g_strv_builder_add (builder, phrase);
    }
  merged = g_strv_builder_end (builder);
  va_topic_set_trigger_phrases (topic, (const char * const *) merged);
}

static void
set_generic_greeting (VaBot *bot)
{
  VaTopic *start = va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_CONVERSATION_START);
  VaNode *node;

  if (start == NULL)
    return;
  node = va_topic_find_node (start, va_topic_get_start (start), NULL);
  /* The template's greeting lists its sample topics, which an imported bot does not have. */
  if (node != NULL && VA_IS_MESSAGE_NODE (node))
    va_message_node_set_text (VA_MESSAGE_NODE (node),
                              "Hello, I'm {Bot.Name}, a virtual assistant. What can I do for you?");
}

static gboolean
build_bot (LuParser    *p,
           VaBot       *bot,
           const char  *bot_name,
           GError     **error)
{
  GListStore *topics = G_LIST_STORE (va_bot_get_topics (bot));
  GListStore *entities = G_LIST_STORE (va_bot_get_entities (bot));
  g_autoptr(GPtrArray) new_topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *bot_id = NULL;
  guint n_system;

  /* The template's sample topics make way for the imported ones. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (topics)); i > 0; i--)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (G_LIST_MODEL (topics), i - 1);

      if (!va_topic_is_system (topic))
        g_list_store_remove (topics, i - 1);
    }
  n_system = g_list_model_get_n_items (G_LIST_MODEL (topics));
  set_generic_greeting (bot);

  if (bot_name == NULL || bot_name[0] == '\0')
    bot_name = p->app_name != NULL && p->app_name[0] != '\0' ? p->app_name : _("Imported bot");
  va_bot_set_name (bot, bot_name);
  bot_id = make_slug (bot_name, "bot");
  va_bot_set_id (bot, bot_id);
  if (p->culture != NULL)
    {
      /* "en-us" → "en": the recognizer wants the language, not the region */
      g_autofree char *language = g_ascii_strdown (p->culture, -1);
      gsize n = strcspn (language, "-_");

      language[n] = '\0';
      if (n >= 2 && n <= 3 && strspn (language, "abcdefghijklmnopqrstuvwxyz") == n)
        va_bot_set_language (bot, language);
    }

  for (guint i = 0; i < p->intents->len; i++)
    {
      LuIntent *intent = g_ptr_array_index (p->intents, i);
      VaTopic *system = find_phrase_system_topic (bot, intent->name);
      char *id;

      if (system != NULL)
        {
          /* Two topics with the same name and phrases would always tie; the bot already has it. */
          merge_phrases (p, system, intent);
          lu_warn_at (p, intent->line, _("the utterances of the intent \"%s\" are added to the "
                                         "system topic \"%s\""),
                      intent->name, va_topic_get_name (system));
          continue;
        }
      if (intent->phrases->len == 0)
        lu_warn_at (p, intent->line, _("the intent \"%s\" has no utterances"), intent->name);

      id = make_topic_id (bot, intent->name, taken, numbers);
      g_hash_table_add (taken, id);
      g_ptr_array_add (intent->phrases, NULL);
      g_ptr_array_add (new_topics, new_intent_topic (id, intent->name,
                                                      (const char * const *) intent->phrases->pdata));
      g_ptr_array_set_size (intent->phrases, intent->phrases->len - 1);
    }

  if (new_topics->len + n_system > VA_FORMAT_MAX_TOPICS)
    {
      g_set_error (error, VA_LU_ERROR, VA_LU_ERROR_LIMIT,
                   _("too many intents: a bot has at most %d topics, %u of them system topics"),
                   VA_FORMAT_MAX_TOPICS, n_system);
      return FALSE;
    }
  if (p->intents->len == 0)
    {
      g_set_error_literal (error, VA_LU_ERROR, VA_LU_ERROR_EMPTY,
                           _("no intent to import (an intent starts with \"# Name\", followed by "
                             "\"- utterance\" lines)"));
      return FALSE;
    }
  /* Custom topics come first, as in a new bot. */
  g_list_store_splice (topics, 0, 0, new_topics->pdata, new_topics->len);

  g_hash_table_remove_all (taken);
  for (guint i = 0; i < p->entities->len; i++)
    {
      LuEntity *lu = g_ptr_array_index (p->entities, i);
      g_autoptr(VaEntity) entity = va_entity_new ();
      char *id = make_entity_id (lu->name, taken);

      g_hash_table_add (taken, id);
      va_entity_set_id (entity, id);
      va_entity_set_name (entity, lu->name);
      va_entity_set_kind (entity, lu->kind);
      if (lu->kind == VA_ENTITY_KIND_REGEX)
        va_entity_set_pattern (entity, lu->pattern);
      for (guint j = 0; j < lu->items->len; j++)
        {
          LuItem *lu_item = g_ptr_array_index (lu->items, j);
          g_autoptr(VaEntityItem) item = va_entity_item_new ();

          va_entity_item_set_value (item, lu_item->value);
          g_ptr_array_add (lu_item->synonyms, NULL);
          if (lu_item->synonyms->len > 1)
            va_entity_item_set_synonyms (item, (const char * const *) lu_item->synonyms->pdata);
          g_ptr_array_set_size (lu_item->synonyms, lu_item->synonyms->len - 1);
          g_list_store_append (G_LIST_STORE (va_entity_get_items (entity)), item);
        }
      g_list_store_append (entities, entity);
    }
  return TRUE;
}

/**
 * va_lu_import:
 * @text: the .lu file's bytes (UTF-8, with or without a byte order mark)
 * @length: their length
 * @bot_name: (nullable): the new bot's name; without it the file's "@app.name", or "Imported bot"
 * @warnings: (out) (optional) (transfer full) (element-type utf8): what was skipped, one line each
 * @error: return location for a #VA_LU_ERROR
 *
 * Makes a new bot from a Bot Framework .lu file: the system topics of a new bot, then one topic
 * per intent ("# Name"), whose "- utterance" lines become its trigger phrases and which says
 * "This is the Name topic.". Entity labels in utterances ("{@city=Paris}") become their text.
 * "@ list" and "@ regex" entities (and the older "$name:value=" and "$name:/pattern/") become
 * custom entities; prebuilt ones exist already. An intent named like a system topic that has
 * trigger phrases (Greeting, Goodbye, …) adds its utterances to that topic; two sections with the
 * same name merge. The None intent, QnA pairs, references and other entity types are skipped
 * with a warning.
 *
 * Errors name the line: "line 12: …". The limits are those of the .vabot format, so the bot
 * always saves and loads: %VA_LU_MAX_SIZE bytes, %VA_LU_MAX_INTENTS intents,
 * %VA_LU_MAX_PHRASES utterances per intent.
 *
 * Returns: (transfer full) (nullable): the new bot, or %NULL with @error set
 */
VaBot *
va_lu_import (const char  *text,
              gsize        length,
              const char  *bot_name,
              GPtrArray  **warnings,
              GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VaBot) bot = NULL;
  LuParser p;
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (warnings != NULL)
    *warnings = NULL;
  if (length > VA_LU_MAX_SIZE)
    {
      g_set_error (error, VA_LU_ERROR, VA_LU_ERROR_LIMIT,
                   _("The .lu text is too large (%zu bytes; at most %d MiB)"), length,
                   VA_LU_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  lu_parser_init (&p, found);
  ok = parse_text (&p, text != NULL ? text : "", length, error);
  if (ok)
    {
      bot = va_template_new_bot ();
      ok = build_bot (&p, bot, bot_name, error);
    }
  sort_warnings (&p);
  if (p.n_warnings > MAX_WARNINGS)
    g_ptr_array_add (found, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more warning",
                                                          "… and %u more warnings",
                                                          p.n_warnings - MAX_WARNINGS),
                                             p.n_warnings - MAX_WARNINGS));
  lu_parser_clear (&p);
  if (!ok)
    return NULL;

  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return g_steal_pointer (&bot);
}
