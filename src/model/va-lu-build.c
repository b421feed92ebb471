/* va-lu-build.c — Bot Framework .lu files: building the new bot from a file read whole
 *
 * va_lu_import() hands over a new bot from the template: its sample topics make way for one topic
 * per intent, the phrases of an intent named like a system topic go to that topic, and list and
 * regular expression entities become custom entities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-lu-private.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-format.h"
#include "va-message-node.h"
#include "va-topic.h"

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
merge_phrases (VaLuParser *p,
               VaTopic    *topic,
               VaLuIntent *intent)
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
          va_lu_warn_at (p, intent->line,
                         _("the topic \"%s\" is full; utterances after the %dth are skipped"),
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

gboolean
va_lu_build_bot (VaLuParser  *p,
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
      VaLuIntent *intent = g_ptr_array_index (p->intents, i);
      VaTopic *system = find_phrase_system_topic (bot, intent->name);
      char *id;

      if (system != NULL)
        {
          /* Two topics with the same name and phrases would always tie; the bot already has it. */
          merge_phrases (p, system, intent);
          va_lu_warn_at (p, intent->line, _("the utterances of the intent \"%s\" are added to the "
                                            "system topic \"%s\""),
                         intent->name, va_topic_get_name (system));
          continue;
        }
      if (intent->phrases->len == 0)
        va_lu_warn_at (p, intent->line, _("the intent \"%s\" has no utterances"), intent->name);

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
      VaLuEntity *lu = g_ptr_array_index (p->entities, i);
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
          VaLuItem *lu_item = g_ptr_array_index (lu->items, j);
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
