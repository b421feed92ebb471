/* fuzz-entities.c — any text through every prebuilt entity, a custom list and regular expressions
 *
 * The text goes to every prebuilt entity, to a closed list and a regex entity of a bot, and to
 * the multiple-choice matcher. When the input has a first line, that line is also the pattern of
 * a regex entity run on the rest: the extractors promise bounded time on any pattern and text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-entity-extract.h"
#include "va-entity-item.h"
#include "va-template.h"
#include "fuzz-common.h"

static GDateTime *now;
static VaBot *bot;
static VaEntity *list;
static VaEntity *regex;

static VaEntity *
add_entity (const char   *id,
            VaEntityKind  kind)
{
  VaEntity *entity = va_entity_new ();

  va_entity_set_id (entity, id);
  va_entity_set_name (entity, id);
  va_entity_set_kind (entity, kind);
  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), entity);
  g_object_unref (entity);
  return entity;
}

static void
add_item (const char         *value,
          const char * const *synonyms)
{
  g_autoptr(VaEntityItem) item = va_entity_item_new ();

  va_entity_item_set_value (item, value);
  va_entity_item_set_synonyms (item, synonyms);
  g_list_store_append (G_LIST_STORE (va_entity_get_items (list)), item);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  now = g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
  bot = va_template_new_bot ();
  list = add_entity ("fuzz-size", VA_ENTITY_KIND_LIST);
  add_item ("small", (const char * const []) { "S", "petite", "kid's size", NULL });
  add_item ("extra large", (const char * const []) { "XL", "très grand", "huge", NULL });
  add_item ("medium", NULL);
  regex = add_entity ("fuzz-order", VA_ENTITY_KIND_REGEX);
  va_entity_set_pattern (regex, "[A-Z]{2}-?\\d{4,8}");
  return 0;
}

static void
check_value (gboolean    found,
             const char *value)
{
  g_assert (found == (value != NULL));
  g_assert (value == NULL || g_utf8_validate (value, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const labels[] = { "Pepperoni", "Margherita", "Four cheeses", NULL };
  static const char * const cheese[] = { "quattro formaggi", "4 cheese", NULL };
  static const char * const * const synonyms[] = { NULL, NULL, cheese };
  g_autofree char *text = fuzz_strdup (data, size);
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char * const *prebuilt = va_entity_list_prebuilt ();
  const char *newline = memchr (data, '\n', size);
  int choice;

  for (guint i = 0; prebuilt[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *value_bot = NULL;

      /* Prebuilt extractors take any bytes: they make the text valid UTF-8 themselves. */
      check_value (va_entity_extract_prebuilt (prebuilt[i], text, now, &value), value);
      check_value (va_entity_extract (bot, prebuilt[i], valid, now, &value_bot), value_bot);
      va_entity_value_type (bot, prebuilt[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      VaEntity *custom = i == 0 ? list : regex;
      g_autofree char *value = NULL;
      g_autofree char *value_bot = NULL;

      check_value (va_entity_extract_custom (custom, valid, &value), value);
      check_value (va_entity_extract (bot, va_entity_get_id (custom), valid, now, &value_bot),
                   value_bot);
      g_assert (g_strcmp0 (value, value_bot) == 0);
    }

  choice = va_entity_match_choice (valid, 3, labels, synonyms);
  g_assert (choice >= -1 && choice < 3);

  if (newline != NULL)
    {
      g_autoptr(VaEntity) entity = va_entity_new ();
      g_autofree char *pattern = g_utf8_make_valid ((const char *) data,
                                                    newline - (const char *) data);
      g_autofree char *rest = g_utf8_make_valid (newline + 1,
                                                 size - (newline + 1 - (const char *) data));
      g_autofree char *value = NULL;

      va_entity_set_id (entity, "fuzz-pattern");
      va_entity_set_kind (entity, VA_ENTITY_KIND_REGEX);
      va_entity_set_pattern (entity, pattern);
      check_value (va_entity_extract_custom (entity, rest, &value), value);
    }
  return 0;
}
