/* test-lu.c: importing and exporting Bot Framework .lu files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "va-bot.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-format.h"
#include "va-lu.h"
#include "va-message-node.h"
#include "va-template.h"
#include "va-topic.h"

static VaBot *
import_ok (const char  *text,
           GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  VaBot *bot = va_lu_import (text, strlen (text), "Test bot", warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bot);
  return bot;
}

static void
assert_import_fails (const char *text,
                     gsize       length,
                     VaLuError   code,
                     const char *message_start,
                     const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = va_lu_import (text, length, NULL, &warnings, &error);

  g_assert_null (bot);
  g_assert_error (error, VA_LU_ERROR, (int) code);
  if (message_start != NULL && !g_str_has_prefix (error->message, message_start))
    g_error ("expected the message to start with \"%s\", got \"%s\"", message_start, error->message);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("expected \"%s\" in the message, got \"%s\"", message_part, error->message);
}

/* The custom topics of @bot, in order. */
static GPtrArray *
custom_topics (VaBot *bot)
{
  GListModel *topics = va_bot_get_topics (bot);
  GPtrArray *custom = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      VaTopic *topic = g_list_model_get_item (topics, i);

      if (va_topic_is_system (topic))
        g_object_unref (topic);
      else
        g_ptr_array_add (custom, topic);
    }
  return custom;
}

static VaTopic *
find_topic_by_name (VaBot      *bot,
                    const char *name)
{
  GListModel *topics = va_bot_get_topics (bot);

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      if (g_strcmp0 (va_topic_get_name (topic), name) == 0)
        return topic; /* the bot keeps it alive */
    }
  return NULL;
}

static VaEntity *
find_entity (VaBot      *bot,
             const char *name)
{
  GListModel *entities = va_bot_get_entities (bot);

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VaEntity) entity = g_list_model_get_item (entities, i);

      if (g_strcmp0 (va_entity_get_name (entity), name) == 0)
        return entity;
    }
  return NULL;
}

static void
assert_phrases (VaTopic            *topic,
                const char * const *expected)
{
  const char * const *phrases = va_topic_get_trigger_phrases (topic);

  g_assert_nonnull (topic);
  g_assert_cmpstrv (phrases, expected);
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *start,
             const char *part)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);

      if (g_str_has_prefix (w, start) && strstr (w, part) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_intents (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("# BookFlight\n"
                                    "- book a flight\n"
                                    "- I need a plane ticket\n"
                                    "\n"
                                    "# Cancel order\n"
                                    "+ cancel my order\n"
                                    "* stop the order\n",
                                    &warnings);
  g_autoptr(GPtrArray) custom = custom_topics (bot);
  VaTopic *book, *cancel;
  VaNode *node;

  g_assert_cmpstr (va_bot_get_name (bot), ==, "Test bot");
  g_assert_cmpstr (va_bot_get_id (bot), ==, "test-bot");
  g_assert_cmpuint (warnings->len, ==, 0);

  /* only the intents: the template's sample topics are gone, its system topics stay */
  g_assert_cmpuint (custom->len, ==, 2);
  g_assert_null (va_bot_find_topic (bot, "store-hours", NULL));
  g_assert_nonnull (va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_FALLBACK));
  g_assert_nonnull (va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_ESCALATE));

  book = g_ptr_array_index (custom, 0);
  cancel = g_ptr_array_index (custom, 1);
  g_assert_cmpstr (va_topic_get_name (book), ==, "BookFlight");
  g_assert_cmpstr (va_topic_get_id (book), ==, "bookflight");
  assert_phrases (book, (const char *[]) { "book a flight", "I need a plane ticket", NULL });
  g_assert_cmpstr (va_topic_get_name (cancel), ==, "Cancel order");
  g_assert_cmpstr (va_topic_get_id (cancel), ==, "cancel-order");
  assert_phrases (cancel, (const char *[]) { "cancel my order", "stop the order", NULL });

  /* custom topics come before the system ones, as in a new bot */
  {
    g_autoptr(VaTopic) first = g_list_model_get_item (va_bot_get_topics (bot), 0);

    g_assert_true (first == book);
  }

  /* each topic says something, so that it can run */
  node = va_topic_find_node (cancel, va_topic_get_start (cancel), NULL);
  g_assert_nonnull (node);
  g_assert_true (VA_IS_MESSAGE_NODE (node));
  g_assert_cmpstr (va_message_node_get_text (VA_MESSAGE_NODE (node)), ==, "This is the Cancel order topic.");
}

static void
test_labelled_utterances (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("# Fly\n"
                                    "- book a flight to {@city=Paris}\n"
                                    "- fly from {fromCity=new york} to {toCity=seattle}\n"
                                    "- {@flight={@from=Rome} to {@to=Oslo}} please\n"
                                    "- go to {@city = Lisbon }\n"
                                    "- I'm {userName:firstName=vishwac}\n"
                                    "- braces \\{stay\\} and a \\\\ backslash\n"
                                    "- fly to {@city} today\n",
                                    &warnings);

  assert_phrases (find_topic_by_name (bot, "Fly"),
                  (const char *[]) { "book a flight to Paris", "fly from new york to seattle",
                                     "Rome to Oslo please", "go to Lisbon", "I'm vishwac",
                                     "braces {stay} and a \\ backslash", "fly to city today", NULL });
  /* the pattern's placeholder is worth a word to the author */
  g_assert_true (has_warning (warnings, "line 8:", "pattern"));
}

static void
test_comments_and_model_info (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "> a comment\n"
                     "> !# @app.name = Travel agent\n"
                     "> !# @app.culture = fr-fr\n"
                     "# Hello there\n"
                     "  > an indented comment\n"
                     "- bonjour\n";
  g_autoptr(VaBot) bot = va_lu_import (text, strlen (text), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (va_bot_get_name (bot), ==, "Travel agent");
  g_assert_cmpstr (va_bot_get_id (bot), ==, "travel-agent");
  g_assert_cmpstr (va_bot_get_language (bot), ==, "fr");
  assert_phrases (find_topic_by_name (bot, "Hello there"), (const char *[]) { "bonjour", NULL });
}

static void
test_default_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_lu_import ("# A\n- a\n", 8, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (va_bot_get_name (bot), ==, "Imported bot");
}

static void
test_none_intent (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("# Weather\n"
                                    "- will it rain\n"
                                    "# None\n"
                                    "- I like cookies\n"
                                    "- bullfrogs jump\n",
                                    &warnings);
  g_autoptr(GPtrArray) custom = custom_topics (bot);

  g_assert_cmpuint (custom->len, ==, 1);
  g_assert_null (find_topic_by_name (bot, "None"));
  g_assert_true (has_warning (warnings, "line 3:", "None"));
}

static void
test_qna_and_references_skipped (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("[other file](./other.lu)\n"
                                    "## ? who is the ceo?\n"
                                    "- who runs the company\n"
                                    "**Filters:**\n"
                                    "- role = ceo\n"
                                    "```markdown\n"
                                    "# not an intent, part of the answer\n"
                                    "- nor an utterance\n"
                                    "```\n"
                                    "# Hours\n"
                                    "- when are you open\n",
                                    &warnings);
  g_autoptr(GPtrArray) custom = custom_topics (bot);

  g_assert_cmpuint (custom->len, ==, 1);
  assert_phrases (g_ptr_array_index (custom, 0), (const char *[]) { "when are you open", NULL });
  g_assert_true (has_warning (warnings, "line 1:", "other.lu"));
  g_assert_true (has_warning (warnings, "line 2:", "who is the ceo?"));
}

static void
test_entities (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("# Travel\n"
                                    "- fly to {@city=Seattle}\n"
                                    "\n"
                                    "@ list city hasRoles fromCity, toCity =\n"
                                    "\t- Seattle :\n"
                                    "\t\t- SEA\n"
                                    "\t\t- Tacoma\n"
                                    "\t- Paris :\n"
                                    "\t\t- CDG\n"
                                    "    - Oslo :\n"
                                    "@ regex hrf-number = /hrf-[0-9]{6}/\n"
                                    "@ prebuilt number\n"
                                    "@ ml userName\n"
                                    "$commPreference:call=\n"
                                    "- phone call\n"
                                    "- ring\n"
                                    "$commPreference : text=\n"
                                    "- sms\n"
                                    "$ticket:/tk[0-9]+/\n"
                                    "$PREBUILT:datetimeV2\n"
                                    "@ list \"office location\" =\n"
                                    "  - Main street :\n",
                                    &warnings);
  VaEntity *city = find_entity (bot, "city");
  VaEntity *hrf = find_entity (bot, "hrf-number");
  VaEntity *comm = find_entity (bot, "commPreference");
  VaEntity *ticket = find_entity (bot, "ticket");
  VaEntity *office = find_entity (bot, "office location");
  g_autoptr(VaEntityItem) seattle = NULL;
  g_autoptr(VaEntityItem) paris = NULL;
  g_autoptr(VaEntityItem) oslo = NULL;
  g_autoptr(VaEntityItem) call = NULL;
  g_autoptr(VaEntityItem) sms = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_entities (bot)), ==, 5);

  g_assert_nonnull (city);
  g_assert_cmpstr (va_entity_get_id (city), ==, "city");
  g_assert_cmpint (va_entity_get_kind (city), ==, VA_ENTITY_KIND_LIST);
  g_assert_cmpuint (g_list_model_get_n_items (va_entity_get_items (city)), ==, 3);
  seattle = g_list_model_get_item (va_entity_get_items (city), 0);
  paris = g_list_model_get_item (va_entity_get_items (city), 1);
  oslo = g_list_model_get_item (va_entity_get_items (city), 2);
  g_assert_cmpstr (va_entity_item_get_value (seattle), ==, "Seattle");
  g_assert_cmpstrv (va_entity_item_get_synonyms (seattle), ((const char *[]) { "SEA", "Tacoma", NULL }));
  g_assert_cmpstr (va_entity_item_get_value (paris), ==, "Paris");
  g_assert_cmpstrv (va_entity_item_get_synonyms (paris), ((const char *[]) { "CDG", NULL }));
  g_assert_cmpstr (va_entity_item_get_value (oslo), ==, "Oslo");

  g_assert_nonnull (hrf);
  g_assert_cmpint (va_entity_get_kind (hrf), ==, VA_ENTITY_KIND_REGEX);
  g_assert_cmpstr (va_entity_get_pattern (hrf), ==, "hrf-[0-9]{6}");

  /* the LUDown syntax */
  g_assert_nonnull (comm);
  g_assert_cmpuint (g_list_model_get_n_items (va_entity_get_items (comm)), ==, 2);
  call = g_list_model_get_item (va_entity_get_items (comm), 0);
  sms = g_list_model_get_item (va_entity_get_items (comm), 1);
  g_assert_cmpstr (va_entity_item_get_value (call), ==, "call");
  g_assert_cmpstrv (va_entity_item_get_synonyms (call), ((const char *[]) { "phone call", "ring", NULL }));
  g_assert_cmpstr (va_entity_item_get_value (sms), ==, "text");
  g_assert_cmpstrv (va_entity_item_get_synonyms (sms), ((const char *[]) { "sms", NULL }));
  g_assert_nonnull (ticket);
  g_assert_cmpstr (va_entity_get_pattern (ticket), ==, "tk[0-9]+");

  /* a name with a space keeps it; the id cannot */
  g_assert_nonnull (office);
  g_assert_cmpstr (va_entity_get_id (office), ==, "office_location");

  /* machine-learned entities have no place in a bot; prebuilt ones are there already */
  g_assert_true (has_warning (warnings, "line 13:", "userName"));
  g_assert_false (has_warning (warnings, "line 12:", ""));
  g_assert_false (has_warning (warnings, "line 20:", ""));
}

static void
test_entity_prebuilt_name (void)
{
  g_autoptr(VaBot) bot = import_ok ("# A\n- a\n@ list number =\n- one :\n", NULL);
  VaEntity *number = find_entity (bot, "number");

  /* "number" is the prebuilt entity's id, so the list gets another */
  g_assert_nonnull (number);
  g_assert_cmpstr (va_entity_get_id (number), ==, "number-2");
}

static void
test_merge_and_duplicates (void)
{
  g_autoptr(VaBot) bot = import_ok ("# Help\n"
                                    "- help\n"
                                    "- help\n"
                                    "# Other\n"
                                    "- other\n"
                                    "# Help\n"
                                    "- I need help\n"
                                    "- help\n",
                                    NULL);
  g_autoptr(GPtrArray) custom = custom_topics (bot);

  g_assert_cmpuint (custom->len, ==, 2);
  assert_phrases (find_topic_by_name (bot, "Help"), (const char *[]) { "help", "I need help", NULL });
}

static void
test_system_topic_name (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = import_ok ("# Greeting\n"
                                    "- howdy\n"
                                    "- hi\n"
                                    "# Order\n"
                                    "- my order\n",
                                    &warnings);
  VaTopic *greeting = va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_GREETING);
  g_autoptr(GPtrArray) custom = custom_topics (bot);
  const char * const *phrases = va_topic_get_trigger_phrases (greeting);

  /* a second "Greeting" topic would tie with the system one on every greeting */
  g_assert_cmpuint (custom->len, ==, 1);
  g_assert_true (g_strv_contains (phrases, "howdy"));
  g_assert_true (g_strv_contains (phrases, "hi"));
  g_assert_true (g_strv_contains (phrases, "hello"));  /* the template's stay */
  g_assert_true (has_warning (warnings, "line 1:", "Greeting"));

  /* the export keeps what the author added to it, and only that */
  {
    g_autofree char *text = va_lu_export (bot);
    g_autoptr(VaBot) again = NULL;

    g_assert_true (g_str_has_suffix (text, "\n# Greeting\n- howdy\n"));
    g_assert_null (strstr (text, "- hi\n"));
    g_assert_null (strstr (text, "# Goodbye"));
    again = import_ok (text, NULL);
    g_assert_cmpstrv (va_topic_get_trigger_phrases (va_bot_find_system_topic (again, VA_SYSTEM_TOPIC_GREETING)),
                      phrases);
  }
}

typedef struct
{
  const char *name;
  const char *text;
  VaLuError code;
  const char *start;
  const char *part;
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "utterance-first", "- hello\n# A\n", VA_LU_ERROR_SYNTAX, "line 1:", "outside an intent" },
  { "lone-close-brace", "# A\n- ok\n- a } b\n", VA_LU_ERROR_SYNTAX, "line 3:", "\"}\"" },
  { "unclosed-label", "# A\n\n- to {@city=Paris\n", VA_LU_ERROR_SYNTAX, "line 3:", "not closed" },
  { "unclosed-nested", "# A\n- {@a={@b=x}\n", VA_LU_ERROR_SYNTAX, "line 2:", "not closed" },
  { "empty-name", "# A\n- a\n#   \n- b\n", VA_LU_ERROR_SYNTAX, "line 3:", "name" },
  { "regex-no-slashes", "# A\n- a\n@ regex code = [0-9]+\n", VA_LU_ERROR_SYNTAX, "line 3:", "slashes" },
  { "stray-text", "# A\n- a\nhello there\n", VA_LU_ERROR_SYNTAX, "line 3:", "hello there" },
  { "old-entity-no-colon", "# A\n- a\n$city\n", VA_LU_ERROR_SYNTAX, "line 3:", "$name:definition" },
  { "entity-no-name", "# A\n- a\n@ list\n", VA_LU_ERROR_SYNTAX, "line 3:", "name" },
  { "list-item-outside", "- a :\n", VA_LU_ERROR_SYNTAX, "line 1:", NULL },
  { "invalid-utf8", "# A\n- a\n- caf\xe9\n", VA_LU_ERROR_SYNTAX, "line 3:", "UTF-8" },
  { "empty", "", VA_LU_ERROR_EMPTY, NULL, "no intent" },
  { "only-comments", "> nothing\n\n", VA_LU_ERROR_EMPTY, NULL, NULL },
  { "only-none", "# None\n- random\n", VA_LU_ERROR_EMPTY, NULL, NULL },
  { "only-qna", "# ? question\n```markdown\nanswer\n```\n", VA_LU_ERROR_EMPTY, NULL, NULL },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;

  assert_import_fails (c->text, strlen (c->text), c->code, c->start, c->part);
}

static void
test_nul_byte (void)
{
  static const char text[] = "# A\n- a\0b\n";

  assert_import_fails (text, sizeof text - 1, VA_LU_ERROR_SYNTAX, "line 2:", NULL);
}

static void
test_too_many_intents (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i <= VA_LU_MAX_INTENTS; i++)
    g_string_append_printf (text, "# I%u\n- x\n", i);
  /* the 20001st header is on line 40001 */
  assert_import_fails (text->str, text->len, VA_LU_ERROR_LIMIT, "line 40001:", "20000");
}

static void
test_too_many_phrases (void)
{
  g_autoptr(GString) text = g_string_new ("# A\n");

  for (guint i = 0; i <= VA_LU_MAX_PHRASES; i++)
    g_string_append_printf (text, "- phrase %u\n", i);
  assert_import_fails (text->str, text->len, VA_LU_ERROR_LIMIT, "line 10002:", "10000");
}

static void
test_max_phrases_accepted (void)
{
  g_autoptr(GString) text = g_string_new ("# A\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(VaBot) loaded = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  for (guint i = 0; i < VA_LU_MAX_PHRASES; i++)
    g_string_append_printf (text, "- phrase %u\n", i);
  bot = va_lu_import (text->str, text->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) va_topic_get_trigger_phrases (find_topic_by_name (bot, "A"))), ==,
                    VA_LU_MAX_PHRASES);
  /* …and the format takes them */
  saved = va_format_save_data (bot, &length);
  loaded = va_format_load_data (saved, length, &error);
  g_assert_no_error (error);
}

static void
test_long_utterance (void)
{
  g_autoptr(GString) text = g_string_new ("# A\n- ");
  g_autofree char *long_text = g_strnfill (VA_FORMAT_MAX_STRING + 1, 'a');

  g_string_append (text, long_text);
  g_string_append_c (text, '\n');
  assert_import_fails (text->str, text->len, VA_LU_ERROR_LIMIT, "line 2:", "too long");
}

static void
test_too_large (void)
{
  gsize length = VA_LU_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (length);

  memset (text, '\n', length);
  assert_import_fails (text, length, VA_LU_ERROR_LIMIT, NULL, "too large");
}

static void
test_crlf_and_bom (void)
{
  const char *text = "\xef\xbb\xbf# Store hours\r\n- when are you open\r\n- opening hours\r\n"
                     "@ list day =\r\n  - Monday :\r\n    - mon\r\n";
  g_autoptr(VaBot) bot = import_ok (text, NULL);
  VaEntity *day = find_entity (bot, "day");
  g_autoptr(VaEntityItem) monday = NULL;

  /* the byte order mark is not part of the first line, and no \r is left anywhere */
  assert_phrases (find_topic_by_name (bot, "Store hours"),
                  (const char *[]) { "when are you open", "opening hours", NULL });
  g_assert_nonnull (day);
  monday = g_list_model_get_item (va_entity_get_items (day), 0);
  g_assert_cmpstr (va_entity_item_get_value (monday), ==, "Monday");
  g_assert_cmpstrv (va_entity_item_get_synonyms (monday), ((const char *[]) { "mon", NULL }));
}

static void
assert_same_custom_content (VaBot *a,
                            VaBot *b)
{
  g_autoptr(GPtrArray) ta = custom_topics (a);
  g_autoptr(GPtrArray) tb = custom_topics (b);
  GListModel *ea = va_bot_get_entities (a);
  GListModel *eb = va_bot_get_entities (b);

  g_assert_cmpuint (ta->len, ==, tb->len);
  for (guint i = 0; i < ta->len; i++)
    {
      VaTopic *x = g_ptr_array_index (ta, i);
      VaTopic *y = g_ptr_array_index (tb, i);

      g_assert_cmpstr (va_topic_get_name (x), ==, va_topic_get_name (y));
      g_assert_cmpstrv (va_topic_get_trigger_phrases (x), va_topic_get_trigger_phrases (y));
    }

  g_assert_cmpuint (g_list_model_get_n_items (ea), ==, g_list_model_get_n_items (eb));
  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(VaEntity) x = g_list_model_get_item (ea, i);
      g_autoptr(VaEntity) y = g_list_model_get_item (eb, i);
      GListModel *ia = va_entity_get_items (x);
      GListModel *ib = va_entity_get_items (y);

      g_assert_cmpstr (va_entity_get_name (x), ==, va_entity_get_name (y));
      g_assert_cmpint (va_entity_get_kind (x), ==, va_entity_get_kind (y));
      g_assert_cmpstr (va_entity_get_pattern (x), ==, va_entity_get_pattern (y));
      g_assert_cmpuint (g_list_model_get_n_items (ia), ==, g_list_model_get_n_items (ib));
      for (guint j = 0; j < g_list_model_get_n_items (ia); j++)
        {
          g_autoptr(VaEntityItem) p = g_list_model_get_item (ia, j);
          g_autoptr(VaEntityItem) q = g_list_model_get_item (ib, j);

          g_assert_cmpstr (va_entity_item_get_value (p), ==, va_entity_item_get_value (q));
          g_assert_cmpstrv (va_entity_item_get_synonyms (p), va_entity_item_get_synonyms (q));
        }
    }
}

static void
test_round_trip (void)
{
  g_autoptr(VaBot) bot = va_bot_new ();
  g_autoptr(VaTopic) topic = va_topic_new ();
  g_autoptr(VaTopic) other = va_topic_new ();
  g_autoptr(VaEntity) list = va_entity_new ();
  g_autoptr(VaEntity) regex = va_entity_new ();
  g_autoptr(VaEntityItem) item = va_entity_item_new ();
  g_autoptr(VaBot) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  /* everything a phrase may hold that .lu would read otherwise */
  const char *phrases[] = { "plain words", "a {@label=x} look-alike", "close } and open {",
                            "[optional] (group|alt)", "back\\slash and \\n not a line", "tab\there",
                            "line\nbreak", "# not a header", "- not a marker", "> not a comment",
                            "@ not an entity", "ends with a colon:", "café ☕ ünïcode", NULL };

  va_bot_set_name (bot, "Round trip");
  va_topic_set_id (topic, "t");
  va_topic_set_name (topic, "What's {this}? #1");
  va_topic_set_trigger_phrases (topic, phrases);
  g_list_store_append (G_LIST_STORE (va_bot_get_topics (bot)), topic);
  va_topic_set_id (other, "u");
  va_topic_set_name (other, "Second one");
  va_topic_set_trigger_phrases (other, (const char *[]) { "second", NULL });
  g_list_store_append (G_LIST_STORE (va_bot_get_topics (bot)), other);

  va_entity_set_id (list, "city_list");
  va_entity_set_name (list, "city list");
  va_entity_item_set_value (item, "New York:");
  va_entity_item_set_synonyms (item, (const char *[]) { "NYC", "big apple:", "- dash", NULL });
  g_list_store_append (G_LIST_STORE (va_entity_get_items (list)), item);
  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), list);
  va_entity_set_id (regex, "code");
  va_entity_set_name (regex, "code");
  va_entity_set_kind (regex, VA_ENTITY_KIND_REGEX);
  va_entity_set_pattern (regex, "/?[a-z]{2}/[0-9]+");
  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), regex);

  text = va_lu_export (bot);
  again = va_lu_import (text, strlen (text), NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (va_bot_get_name (again), ==, "Round trip");
  assert_same_custom_content (bot, again);

  /* and the text is stable */
  text_again = va_lu_export (again);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_export_template (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autofree char *text = va_lu_export (bot);
  g_autoptr(VaBot) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (text, "\n# Store hours\n- what are your opening hours\n"));
  g_assert_nonnull (strstr (text, "\n# Order status\n"));
  /* every bot has the system topics; they are not the author's intents */
  g_assert_null (strstr (text, "# Greeting"));
  g_assert_null (strstr (text, "# Escalate"));

  again = va_lu_import (text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_custom_content (bot, again);
}

/* Intent names that differ only past the 40 characters an id keeps used to loop forever (found by
 * fuzz-lu); each still gets an id of its own, and the numbered ids are handed out in order. */
static void
test_long_similar_names (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(GPtrArray) custom = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *second = NULL;
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "# I would like to know the opening hours of the store number %u\n"
                                  "- phrase %u\n", i, i);
  bot = import_ok (text->str, NULL);
  custom = custom_topics (bot);
  g_assert_cmpuint (custom->len, ==, n);
  for (guint i = 0; i < custom->len; i++)
    {
      VaTopic *topic = g_ptr_array_index (custom, i);
      g_autofree char *name = g_strdup_printf ("I would like to know the opening hours of the store "
                                               "number %u", i);

      g_assert_cmpstr (va_topic_get_name (topic), ==, name);
      g_assert_true (g_hash_table_add (ids, (gpointer) va_topic_get_id (topic)));
      g_assert_cmpuint (strlen (va_topic_get_id (topic)), <=, 48);
    }
  second = g_strconcat (va_topic_get_id (g_ptr_array_index (custom, 0)), "-2", NULL);
  g_assert_cmpstr (va_topic_get_id (g_ptr_array_index (custom, 1)), ==, second);
}

static void
test_save_and_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = import_ok ("# Book a table\n"
                                    "- book a table for {@number=2}\n"
                                    "- reserve a table\n"
                                    "# Book a table\n"
                                    "- table please\n"
                                    "# book a table!\n"
                                    "- another topic, same id base\n"
                                    "# Menu {today}\n"
                                    "- what's on the menu\n"
                                    "# Empty\n"
                                    "@ list size =\n"
                                    "  - small :\n"
                                    "    - tiny\n"
                                    "@ regex code = /[A-Z]{3}/\n",
                                    NULL);
  g_autoptr(VaBot) loaded = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autoptr(GPtrArray) custom = NULL;
  gsize length, length_again;

  saved = va_format_save_data (bot, &length);
  loaded = va_format_load_data (saved, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  custom = custom_topics (loaded);
  g_assert_cmpuint (custom->len, ==, 4);
  g_assert_cmpstr (va_topic_get_id (g_ptr_array_index (custom, 0)), ==, "book-a-table");
  g_assert_cmpstr (va_topic_get_id (g_ptr_array_index (custom, 1)), ==, "book-a-table-2");
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_entities (loaded)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_topics (loaded)), ==,
                    g_list_model_get_n_items (va_bot_get_topics (bot)));
  assert_same_custom_content (bot, loaded);

  saved_again = va_format_save_data (loaded, &length_again);
  g_assert_cmpstr (saved, ==, saved_again);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lu/intents", test_intents);
  g_test_add_func ("/lu/labelled-utterances", test_labelled_utterances);
  g_test_add_func ("/lu/comments-and-model-info", test_comments_and_model_info);
  g_test_add_func ("/lu/default-name", test_default_name);
  g_test_add_func ("/lu/none-intent", test_none_intent);
  g_test_add_func ("/lu/qna-and-references-skipped", test_qna_and_references_skipped);
  g_test_add_func ("/lu/entities", test_entities);
  g_test_add_func ("/lu/entity-prebuilt-name", test_entity_prebuilt_name);
  g_test_add_func ("/lu/merge-and-duplicates", test_merge_and_duplicates);
  g_test_add_func ("/lu/system-topic-name", test_system_topic_name);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lu/broken/%s", broken_cases[i].name);

      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/lu/nul-byte", test_nul_byte);
  g_test_add_func ("/lu/too-many-intents", test_too_many_intents);
  g_test_add_func ("/lu/too-many-phrases", test_too_many_phrases);
  g_test_add_func ("/lu/max-phrases-accepted", test_max_phrases_accepted);
  g_test_add_func ("/lu/long-utterance", test_long_utterance);
  g_test_add_func ("/lu/too-large", test_too_large);
  g_test_add_func ("/lu/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/lu/round-trip", test_round_trip);
  g_test_add_func ("/lu/export-template", test_export_template);
  g_test_add_func ("/lu/save-and-load", test_save_and_load);
  g_test_add_func ("/lu/long-similar-names", test_long_similar_names);

  return g_test_run ();
}
