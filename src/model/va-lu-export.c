/* va-lu-export.c — Bot Framework .lu files: export
 *
 * Writes what va_lu_import() reads back the same: each custom topic as an intent, the phrases an
 * author added to system topics, and list and regular expression entities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "va-lu.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-template.h"
#include "va-topic.h"

static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *s = text; *s != '\0'; s++)
    g_string_append_c (out, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* The inverse of decode_text() in va-lu-parse.c: what would read as a label, an escape or a
 * line end is escaped. */
static void
append_utterance (GString    *out,
                  const char *phrase)
{
  for (const char *s = phrase; *s != '\0'; s++)
    {
      switch (*s)
        {
        case '{': case '}': case '[': case ']': case '\\':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *s);
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_c (out, *s);
        }
    }
}

static void
append_entity_name (GString    *out,
                    const char *name)
{
  gboolean plain = name[0] != '\0';

  for (const char *s = name; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && strchr ("_-|.()", *s) == NULL)
      plain = FALSE;
  if (plain)
    {
      g_string_append (out, name);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *s = name; *s != '\0'; s++)
    g_string_append_c (out, *s == '"' || *s == '\n' || *s == '\r' ? '\'' : *s);
  g_string_append_c (out, '"');
}

static void
append_phrases (GString            *out,
                const char         *name,
                const char * const *phrases,
                const char * const *except)
{
  gboolean header = FALSE;

  for (guint j = 0; phrases != NULL && phrases[j] != NULL; j++)
    {
      if (except != NULL && g_strv_contains (except, phrases[j]))
        continue;
      if (!header)
        {
          g_string_append (out, "\n# ");
          append_one_line (out, name);
          g_string_append_c (out, '\n');
          header = TRUE;
        }
      g_string_append (out, "- ");
      append_utterance (out, phrases[j]);
      g_string_append_c (out, '\n');
    }
}

/* The phrases an author added to a system topic (Greeting, Goodbye, …), under the name a new
 * bot gives it: va_lu_import() adds an intent of that name to the system topic again.
 */
static void
append_system_phrases (GString *out,
                       VaBot   *bot)
{
  g_autoptr(VaBot) template = va_template_new_bot ();
  GListModel *topics = va_bot_get_topics (bot);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      VaTopic *original;

      if (!va_topic_is_system (topic))
        continue;
      original = va_bot_find_system_topic (template, va_topic_get_system (topic));
      if (original == NULL || va_topic_get_trigger_phrases (original) == NULL ||
          va_topic_get_trigger_phrases (original)[0] == NULL)
        continue;
      append_phrases (out, va_topic_get_name (original), va_topic_get_trigger_phrases (topic),
                      va_topic_get_trigger_phrases (original));
    }
}

/**
 * va_lu_export:
 * @bot: a bot
 *
 * Writes @bot's custom topics as a .lu file: for each, "# Name" and its trigger phrases as
 * "- phrase" lines, escaped so that va_lu_import() reads them back the same; then the phrases
 * the author added to system topics (as "# Greeting", which va_lu_import() adds to the system
 * topic again); then its list and regular expression entities as "@ list" and "@ regex"
 * definitions. The system topics themselves are left out: every bot has them. Names lose
 * line breaks, and phrases the white space at their ends, which .lu cannot hold.
 *
 * Returns: (transfer full): the .lu text
 */
char *
va_lu_export (VaBot *bot)
{
  GString *out;
  GListModel *topics;
  GListModel *entities;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);

  out = g_string_new ("> ");
  append_one_line (out, va_bot_get_name (bot) != NULL ? va_bot_get_name (bot) : "");
  g_string_append (out, "\n> !# @app.name = ");
  append_one_line (out, va_bot_get_name (bot) != NULL ? va_bot_get_name (bot) : "");
  if (va_bot_get_language (bot) != NULL)
    {
      g_string_append (out, "\n> !# @app.culture = ");
      append_one_line (out, va_bot_get_language (bot));
    }
  g_string_append (out, "\n");

  topics = va_bot_get_topics (bot);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      const char * const *phrases = va_topic_get_trigger_phrases (topic);

      if (va_topic_is_system (topic))
        continue;
      if (phrases == NULL || phrases[0] == NULL)
        {
          g_string_append (out, "\n# ");
          append_one_line (out, va_topic_get_name (topic));
          g_string_append_c (out, '\n');
        }
      append_phrases (out, va_topic_get_name (topic), phrases, NULL);
    }

  append_system_phrases (out, bot);

  entities = va_bot_get_entities (bot);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VaEntity) entity = g_list_model_get_item (entities, i);
      const char *name = va_entity_get_name (entity);

      if (name == NULL || name[0] == '\0')
        name = va_entity_get_id (entity);

      if (va_entity_get_kind (entity) == VA_ENTITY_KIND_REGEX)
        {
          g_string_append (out, "\n@ regex ");
          append_entity_name (out, name);
          g_string_append (out, " = /");
          append_one_line (out, va_entity_get_pattern (entity) != NULL ?
                                va_entity_get_pattern (entity) : "");
          g_string_append (out, "/\n");
        }
      else
        {
          GListModel *items = va_entity_get_items (entity);

          g_string_append (out, "\n@ list ");
          append_entity_name (out, name);
          g_string_append (out, " =\n");
          for (guint j = 0; j < g_list_model_get_n_items (items); j++)
            {
              g_autoptr(VaEntityItem) item = g_list_model_get_item (items, j);
              const char * const *synonyms = va_entity_item_get_synonyms (item);

              g_string_append (out, "    - ");
              append_one_line (out, va_entity_item_get_value (item));
              g_string_append (out, " :\n");
              for (guint k = 0; synonyms != NULL && synonyms[k] != NULL; k++)
                {
                  g_string_append (out, "        - ");
                  append_one_line (out, synonyms[k]);
                  g_string_append_c (out, '\n');
                }
            }
        }
    }

  return g_string_free (out, FALSE);
}
