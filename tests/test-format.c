/* test-format.c: loading broken and hostile .vabot files
 *
 * Every problem the loader reports has a case here: a broken file and the
 * place and words the message must contain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "va-bot.h"
#include "va-format.h"
#include "va-template.h"
#include "va-topic.h"
#include "va-test-json.h"

#define HEAD "{\"format\": \"virtual-agent-bot\", \"version\": 1, \"bot\": {\"id\": \"b\", \"name\": \"B\"}"

typedef struct
{
  const char *name;
  const char *data;
  VaFormatError code;
  const char *expected;   /* a part of the message: the place and the reason */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "empty", "", VA_FORMAT_ERROR_NOT_A_BOT, "not a Virtual Agent bot" },
  { "not-object", "[1, 2]", VA_FORMAT_ERROR_NOT_A_BOT, "does not hold a JSON object" },
  { "syntax", "{\n  \"format\": \"virtual-agent-bot\",\n  \"version\": 1,,\n}", VA_FORMAT_ERROR_SYNTAX, "line 3" },
  { "wrong-format", "{\"format\": \"something-else\", \"version\": 1}", VA_FORMAT_ERROR_NOT_A_BOT, "\"format\" must be" },
  { "no-version", "{\"format\": \"virtual-agent-bot\"}", VA_FORMAT_ERROR_INVALID, "version" },
  { "newer-version", "{\"format\": \"virtual-agent-bot\", \"version\": 7}", VA_FORMAT_ERROR_NEWER_VERSION, "newer version" },
  { "no-name", "{\"format\": \"virtual-agent-bot\", \"version\": 1}", VA_FORMAT_ERROR_INVALID, "bot.name: the bot has no name" },
  { "unknown-root-field", HEAD ", \"colour\": 1}", VA_FORMAT_ERROR_INVALID, "colour: unknown field" },
  { "unknown-bot-field", "{\"format\": \"virtual-agent-bot\", \"version\": 1, \"bot\": {\"name\": \"B\", \"x\": 1}}",
    VA_FORMAT_ERROR_INVALID, "bot.x: unknown field" },
  { "settings-type", HEAD ", \"settings\": {\"threshold\": \"high\"}}", VA_FORMAT_ERROR_INVALID,
    "settings.threshold: expected a whole number, found a string" },
  { "settings-float", HEAD ", \"settings\": {\"threshold\": 0.5}}", VA_FORMAT_ERROR_INVALID,
    "settings.threshold: expected a whole number" },
  { "settings-range", HEAD ", \"settings\": {\"threshold\": 5000}}", VA_FORMAT_ERROR_INVALID,
    "settings.threshold: 5000 is out of range (0 to 1000)" },
  { "huge-integer", HEAD ", \"settings\": {\"margin\": 99999999999999999999999}}", VA_FORMAT_ERROR_SYNTAX,
    "a whole number too large for this file" },
  { "topics-not-list", HEAD ", \"topics\": {}}", VA_FORMAT_ERROR_INVALID, "topics: expected a list, found an object" },
  { "topic-not-object", HEAD ", \"topics\": [3]}", VA_FORMAT_ERROR_INVALID, "topics[0]: expected an object, found a number" },
  { "topic-no-id", HEAD ", \"topics\": [{\"name\": \"T\"}]}", VA_FORMAT_ERROR_INVALID, "topics[0]: the field \"id\" is missing" },
  { "topic-empty-name", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"\"}]}", VA_FORMAT_ERROR_INVALID,
    "topics[0]: the field \"name\" is empty" },
  { "topic-bad-id", HEAD ", \"topics\": [{\"id\": \"a b\", \"name\": \"T\"}]}", VA_FORMAT_ERROR_INVALID,
    "topics[0].id: \"a b\" is not a valid id" },
  { "topic-duplicate-id", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\"}, {\"id\": \"t\", \"name\": \"U\"}]}",
    VA_FORMAT_ERROR_INVALID, "topics[1].id: another topic has the id \"t\"" },
  { "topic-enabled-type", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"enabled\": \"yes\"}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].enabled: expected true or false, found a string" },
  { "topic-unknown-system", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"system\": \"lunch\"}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].system: unknown value \"lunch\"" },
  { "topic-two-fallbacks", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"system\": \"fallback\"},"
    " {\"id\": \"u\", \"name\": \"U\", \"system\": \"fallback\"}]}",
    VA_FORMAT_ERROR_INVALID, "topics[1].system: another topic is already the \"fallback\" system topic" },
  { "phrase-not-string", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"trigger_phrases\": [\"a\", 2]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].trigger_phrases[1]: expected a string, found a number" },
  { "topic-unknown-field", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"colour\": \"red\"}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].colour: unknown field" },
  { "dash-key", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"trigger-phrases\": []}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].trigger-phrases: unknown field" },
  { "node-no-type", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0]: the field \"type\" is missing" },
  { "node-unknown-type", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"dance\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].type: unknown node type \"dance\"" },
  { "node-no-id", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0]: the field \"id\" is missing" },
  { "node-empty-id", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"\", \"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].id: the id is empty" },
  { "node-duplicate-id", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\"},"
    " {\"id\": \"n1\", \"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[1]: another node of this topic has the id \"n1\"" },
  { "node-three-same-ids", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"a\", \"type\": \"end\"},"
    " {\"id\": \"a\", \"type\": \"end\"}, {\"id\": \"a\", \"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[2]: another node of this topic has the id \"a\"" },
  { "id-too-long", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \""
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "\", \"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].id: id too long" },
  { "single-quotes", "{'format': 'virtual-agent-bot'}", VA_FORMAT_ERROR_SYNTAX, "line 1, column 2: unexpected character '''" },
  { "comment", "{\n  /* hi */ \"format\": 1}", VA_FORMAT_ERROR_SYNTAX, "line 2, column 3: unexpected character '/'" },
  /* json-glib 1.6 reads a whole number beyond 64 bits as -1. */
  { "huge-integer-anywhere", "{\"a\": 18446744073709551616}", VA_FORMAT_ERROR_SYNTAX,
    "line 1, column 7: a whole number too large for this file" },
  { "huge-negative-integer", "[1,\n -9223372036854775809]", VA_FORMAT_ERROR_SYNTAX,
    "line 2, column 2: a whole number too large" },
  { "huge-integer-position", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": "
    "[{\"id\": \"n1\", \"type\": \"end\"}]}], \"layout\": {\"t\": {\"n1\": [0, 99999999999999999999]}}}",
    VA_FORMAT_ERROR_SYNTAX, "a whole number too large" },
  /* 19 digits within 64 bits are read; that one is out of range for a position. */
  { "big-integer-position", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": "
    "[{\"id\": \"n1\", \"type\": \"end\"}]}], \"layout\": {\"t\": {\"n1\": [0, 9223372036854775807]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.t.n1: position out of range" },
  /* Half a surrogate pair (found by fuzz-format: json-glib 1.6 leaks memory on some). */
  { "half-surrogate", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"a\\ud800\\u0041\"}]}",
    VA_FORMAT_ERROR_SYNTAX, "line 1, column 113: a broken \\u escape" },
  { "lone-low-surrogate", "{\n \"x\": \"\\udc00\"}", VA_FORMAT_ERROR_SYNTAX,
    "line 2, column 8: a broken \\u escape" },
  /* One JSON value per file (found by fuzz-format: json-glib read on and kept the last one). */
  { "two-objects", "{\"a\": 1} {\"b\": 2}", VA_FORMAT_ERROR_SYNTAX,
    "line 1, column 10: more after the end of the bot" },
  { "string-then-bot", "\"hello\"  " HEAD "}", VA_FORMAT_ERROR_SYNTAX,
    "line 1, column 10: more after the end of the bot" },
  { "bot-then-number", HEAD "}\n\n 42\n", VA_FORMAT_ERROR_SYNTAX, "line 3, column 2: more after the end" },
  { "number-then-array", "1 [2]", VA_FORMAT_ERROR_SYNTAX, "line 1, column 3: more after the end" },
  { "dangling-option-entity-mode", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"mode\": \"entity\", \"entity\": \"number\", \"options\": [{\"label\": \"A\", \"next\": \"gone\"}]}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].options[0].next: no node \"gone\"" },
  { "layout-int64-min", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\"}]}],"
    " \"layout\": {\"t\": {\"n1\": [-9223372036854775808, 0]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.t.n1: position out of range" },
  { "dangling-next", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"message\","
    " \"text\": \"hi\", \"next\": \"n7\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].next: no node \"n7\" in this topic" },
  { "dangling-option", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"options\": [{\"label\": \"A\", \"next\": \"n1\"}, {\"label\": \"B\", \"next\": \"zz\"}]}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].options[1].next: no node \"zz\"" },
  { "dangling-branch", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"condition\","
    " \"branches\": [{\"clauses\": [{\"variable\": \"x\"}], \"next\": \"q\"}]}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].branches[0].next: no node \"q\"" },
  { "dangling-else", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"condition\","
    " \"else_next\": \"q\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].else_next: no node \"q\"" },
  { "dangling-failure", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"action\","
    " \"failure_next\": \"q\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].failure_next: no node \"q\"" },
  { "dangling-start", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"start\": \"n9\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].start: no node \"n9\"" },
  { "next-on-end", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\", \"next\": \"n1\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].next: unknown field" },
  { "operator", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"condition\","
    " \"branches\": [{\"clauses\": [{\"variable\": \"x\", \"operator\": \"resembles\"}]}]}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].branches[0].clauses[0].operator: unknown value \"resembles\"" },
  { "option-no-label", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"options\": [{}]}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].options[0]: the field \"label\" is missing" },
  { "retries-range", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"retries\": -1}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].retries: -1 is out of range" },
  { "unknown-entity", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"mode\": \"entity\", \"entity\": \"shoe-size\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].entity: no entity \"shoe-size\"" },
  { "entity-missing", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"question\","
    " \"mode\": \"entity\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0].entity: a question of mode \"entity\" needs an entity" },
  { "redirect-no-topic", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"redirect\"}]}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].nodes[0]: the field \"topic\" is missing" },
  { "entity-prebuilt-name", HEAD ", \"entities\": [{\"id\": \"email\", \"kind\": \"list\"}]}",
    VA_FORMAT_ERROR_INVALID, "entities[0].id: \"email\" is the name of a prebuilt entity" },
  { "entity-duplicate", HEAD ", \"entities\": [{\"id\": \"size\"}, {\"id\": \"size\"}]}",
    VA_FORMAT_ERROR_INVALID, "entities[1].id: another entity has the id \"size\"" },
  { "entity-bad-regex", HEAD ", \"entities\": [{\"id\": \"code\", \"kind\": \"regex\", \"pattern\": \"([a-z\"}]}",
    VA_FORMAT_ERROR_INVALID, "entities[0].pattern: invalid regular expression" },
  { "entity-regex-no-pattern", HEAD ", \"entities\": [{\"id\": \"code\", \"kind\": \"regex\"}]}",
    VA_FORMAT_ERROR_INVALID, "entities[0].pattern: a regular expression entity needs a pattern" },
  { "variable-no-name", HEAD ", \"variables\": [{\"data_type\": \"number\"}]}",
    VA_FORMAT_ERROR_INVALID, "variables[0]: the field \"name\" is missing" },
  { "variable-type", HEAD ", \"variables\": [{\"name\": \"x\", \"data_type\": \"colour\"}]}",
    VA_FORMAT_ERROR_INVALID, "variables[0].data_type: unknown value \"colour\"" },
  { "layout-no-topic", HEAD ", \"layout\": {\"ghost\": {\"n1\": [0, 0]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.ghost: no topic \"ghost\"" },
  { "layout-no-node", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\"}], \"layout\": {\"t\": {\"n1\": [0, 0]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.t.n1: no node \"n1\" in topic \"t\"" },
  { "layout-bad-position", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\"}]}],"
    " \"layout\": {\"t\": {\"n1\": [0.5, \"a\"]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.t.n1: expected a position [x, y] of two whole numbers" },
  { "layout-far", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [{\"id\": \"n1\", \"type\": \"end\"}]}],"
    " \"layout\": {\"t\": {\"n1\": [0, 99999999]}}}",
    VA_FORMAT_ERROR_INVALID, "layout.t.n1: position out of range" },
  { "string-null", HEAD ", \"topics\": [{\"id\": \"t\", \"name\": null}]}",
    VA_FORMAT_ERROR_INVALID, "topics[0].name: expected a string, found null" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data (tc->data, -1, &error);

  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, (int) tc->code);
  if (strstr (error->message, tc->expected) == NULL)
    g_error ("case %s: message \"%s\" does not contain \"%s\"", tc->name, error->message, tc->expected);
}

/* A byte order mark before the bot and blank lines after it are not "more after the end". */
/* The reader's own JSON parser (va-format-json.c) takes plain JSON only, and gives json-glib's
 * tree for all it takes; the rest it leaves to json-glib. fuzz-json tries any bytes the same way. */
static void
test_json_reader_same_as_json_glib (void)
{
  static const struct
  {
    const char *data;
    gboolean    plain;   /* whether our parser takes it */
  } cases[] = {
    { "{}", TRUE },
    { " [ ] ", TRUE },
    { "{\"a\": [1, -0, 0.5, 1e300, -1.5E-7, 123456789012345678, true, false, null]}", TRUE },
    { "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac caf\xc3\xa9\"]", TRUE },
    { "{\"nested\": {\"deeper\": [[[{\"x\": \"y\"}]]]}}", TRUE },
    { "\"just a string\"", TRUE },
    { "   ", FALSE },                           /* no value: json-glib says so */
    { "{\"a\": 1, \"a\": 2}", FALSE },            /* a member twice: json-glib keeps one */
    { "[\"\\u0000\"]", FALSE },
    { "[\"\\ud83d\\ude00 \\uD83D\\uDE00 x\\ud83d\\ude00\"]", TRUE },   /* surrogate pairs whole */
    { "[\"\\ud83d\\u0041\"]", FALSE },
    { "[1234567890123456789]", FALSE },        /* more digits than a gint64 surely holds */
    { "\xef\xbb\xbf{\"bom\": 1}", TRUE },
    { "[\"tab\there\"]", FALSE },
    { "{\"a\": 1,}", FALSE },
    { "[1] [2]", FALSE },
    { "[\"\xff\"]", FALSE },                   /* not UTF-8: json-glib's words for it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = strlen (cases[i].data);
      g_autoptr(VaFormatJsonDocument) ours = va_format_json_parse_plain (cases[i].data, length);
      g_autoptr(VaFormatJsonDocument) theirs = NULL;
      g_autoptr(GString) where = g_string_new (NULL);

      g_test_message ("case %u: %s", i, cases[i].data);
      if (!cases[i].plain)
        {
          g_assert_null (ours);
          continue;
        }
      g_assert_nonnull (ours);
      theirs = va_format_json_parse (cases[i].data, length, NULL);
      g_assert_nonnull (theirs);
      if (!va_test_json_same (va_format_json_document_get_root (ours),
                              va_format_json_document_get_root (theirs), "$", where))
        g_error ("case %u: %s", i, where->str);
    }
}

/* "[" + "[],"×@n + a string of @escapes "\u0041" + "]": the escapes are plain for the strict
 * parser; the empty arrays take it to the memory limit. */
static char *
escapes_document (guint n,
                  guint escapes)
{
  GString *text = g_string_sized_new (3 * n + 6 * escapes + 4);

  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    g_string_append (text, "[],");
  g_string_append_c (text, '"');
  for (guint i = 0; i < escapes; i++)
    g_string_append (text, "\\u0041");
  g_string_append (text, "\"]");
  return g_string_free (text, FALSE);
}

/* The memory estimate that refuses a file before json-glib reads it and the one the strict parser
 * makes as it reads must agree to the byte, or a file could open or not depending on which of the
 * two reads it (a surrogate pair anywhere sends a file to json-glib). Here at the limit itself,
 * in a file of \u escapes. */
static void
test_memory_limit_same_for_both_readers (void)
{
  const guint escapes = 1000000;
  guint low = 0, high = 8000000;
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  g_autoptr(GError) error = NULL;

  /* The most empty arrays the strict parser takes. */
  while (low + 1 < high)
    {
      guint middle = low + (high - low) / 2;
      g_autofree char *text = escapes_document (middle, escapes);
      g_autoptr(VaFormatJsonDocument) document = va_format_json_parse_plain (text, strlen (text));

      if (document != NULL)
        low = middle;
      else
        high = middle;
    }
  g_assert_cmpuint (low, >, 0);
  g_assert_cmpuint (high, <, 8000000);
  at_limit = escapes_document (low, escapes);
  over_limit = escapes_document (low + 1, escapes);
  g_assert_true (va_format_check_depth (at_limit, strlen (at_limit), &error));
  g_assert_no_error (error);
  g_assert_false (va_format_check_depth (over_limit, strlen (over_limit), &error));
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE);
}

/* Duplicate names in a big object are found however far apart; distinct ones pass. */
static void
test_big_object_duplicates (void)
{
  g_autoptr(GString) text = g_string_new ("{");
  g_autoptr(VaFormatJsonDocument) distinct = NULL;
  g_autoptr(VaFormatJsonDocument) twice = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "%s\"key-%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append (text, "}");
  distinct = va_format_json_parse_plain (text->str, text->len);
  g_assert_nonnull (distinct);
  g_assert_cmpuint (va_format_json_document_get_root (distinct)->n, ==, 5000);
  g_assert_cmpuint (va_format_json_get_member (va_format_json_document_get_root (distinct),
                                               "key-4999")->integer, ==, 4999);

  g_string_truncate (text, text->len - 1);
  g_string_append (text, ", \"key-0\": 1}");
  twice = va_format_json_parse_plain (text->str, text->len);
  g_assert_null (twice);
}

/* A surrogate pair in full is one character, whichever parser reads it. */
static void
test_surrogate_pair (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data ("{\"format\": \"virtual-agent-bot\", \"version\": 1, "
                                              "\"bot\": {\"id\": \"b\", \"name\": \"\\ud83d\\ude00 "
                                              "\\uD83D\\uDE00\"}}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (va_bot_get_name (bot), ==, "\xf0\x9f\x98\x80 \xf0\x9f\x98\x80");
}

static void
test_bom_and_trailing_space (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data ("\xef\xbb\xbf" HEAD "}\r\n\n\t \n", -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bot);
  g_assert_cmpstr (va_bot_get_name (bot), ==, "B");
}

static void
test_all_problems_listed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data (
    HEAD ", \"topics\": [{\"id\": \"t\", \"name\": 3},"
    " {\"id\": \"u\", \"name\": \"U\", \"nodes\": [{\"id\": \"n1\", \"type\": \"message\", \"next\": \"x\"}]}]}",
    -1, &error);

  g_assert_null (bot);
  g_assert_nonnull (strstr (error->message, "topics[0].name: expected a string"));
  g_assert_nonnull (strstr (error->message, "topics[1].nodes[0].next: no node \"x\""));
}

static void
test_problem_cap (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  guint lines = 1;

  for (int i = 0; i < 500; i++)
    g_string_append_printf (data, "%s{\"id\": \"t%d\", \"name\": %d}", i ? "," : "", i, i);
  g_string_append (data, "]}");

  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_null (bot);
  for (const char *p = error->message; *p; p++)
    lines += *p == '\n';
  /* capped list plus the "and more" line */
  g_assert_cmpuint (lines, ==, VA_FORMAT_MAX_PROBLEMS + 1);
  g_assert_nonnull (strstr (error->message, "more problems"));
}

static void
test_deep_nesting (void)
{
  gsize depth = 200000;
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  /* json-glib 1.6 would crash on this; the loader must refuse it first. */
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (data, '[');
  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "line 1, column 33"));
}

/* 'uotes inside comments or single-quoted strings must not hide brackets
 * from the depth check (json-glib 1.6 would accept them, then crash).
 */
static void
test_depth_check_not_fooled (void)
{
  const char *wrappers[][2] = { { "['\"', ", ", '\"']" }, { "[/*\"*/ ", " /*\"*/]" } };

  for (guint w = 0; w < G_N_ELEMENTS (wrappers); w++)
    {
      g_autoptr(GString) data = g_string_new (wrappers[w][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = NULL;

      for (int i = 0; i < 200000; i++)
        g_string_append_c (data, '[');
      for (int i = 0; i < 200000; i++)
        g_string_append_c (data, ']');
      g_string_append (data, wrappers[w][1]);
      bot = va_format_load_data (data->str, data->len, &error);
      g_assert_null (bot);
      g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX);
    }
}

static void
test_too_many_options (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": "
                                          "[{\"id\": \"n1\", \"type\": \"question\", \"options\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  for (int i = 0; i < VA_FORMAT_MAX_LIST + 1; i++)
    g_string_append_printf (data, "%s{\"label\": \"x\"}", i ? "," : "");
  g_string_append (data, "]}]}]}");
  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_null (bot);
  g_assert_nonnull (strstr (error->message, "topics[0].nodes[0].options: too many entries (10001, at most 10000)"));
}

static void
test_not_regular_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_file (file, NULL, &error);

  g_assert_null (bot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
}

static void
test_large_file_refused_unread (void)
{
  g_autofree char *dir = g_dir_make_tmp ("va-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: big on paper, nothing to read. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (long) VA_FORMAT_MAX_SIZE + 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', f), ==, ' ');
  fclose (f);

  bot = va_format_load_file (file, NULL, &error);
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_big_topic_loads (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"T\", \"nodes\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  int n = VA_FORMAT_MAX_LIST;

  /* A long chain: every edge and position is looked up once. */
  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (data, "%s{\"id\": \"n%d\", \"type\": \"message\"", i ? "," : "", i);
      if (i + 1 < n)
        g_string_append_printf (data, ", \"next\": \"n%d\"", i + 1);
      g_string_append_c (data, '}');
    }
  g_string_append (data, "]}], \"layout\": {\"t\": {");
  for (int i = 0; i < n; i++)
    g_string_append_printf (data, "%s\"n%d\": [0, %d]", i ? "," : "", i, i * 10);
  g_string_append (data, "}}}");

  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (va_bot_find_topic (bot, "t", NULL))), ==, (guint) n);
}

static void
test_brackets_in_strings_do_not_count (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append (data, "[{\\\"");
  g_string_append (data, "\"}]}");
  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bot);
}

static void
test_too_large (void)
{
  gsize size = VA_FORMAT_MAX_SIZE + 10;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  memset (data, ' ', size);
  bot = va_format_load_data (data, size, &error);
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE);
}

static void
test_long_string (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  for (int i = 0; i < VA_FORMAT_MAX_STRING + 5; i++)
    g_string_append_c (data, 'a');
  g_string_append (data, "\"}]}");
  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_null (bot);
  g_assert_nonnull (strstr (error->message, "topics[0].name: text too long"));
}

static void
test_too_many_topics (void)
{
  g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  for (int i = 0; i < VA_FORMAT_MAX_TOPICS + 1; i++)
    g_string_append_printf (data, "%s{}", i ? "," : "");
  g_string_append (data, "]}");
  bot = va_format_load_data (data->str, data->len, &error);
  g_assert_null (bot);
  g_assert_nonnull (strstr (error->message, "topics: too many entries"));
}

static void
test_invalid_utf8 (void)
{
  const char data[] = HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"\xff\xfe\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data (data, sizeof data - 1, &error);

  g_assert_null (bot);
  g_assert_nonnull (error);
}

static void
test_nul_in_data (void)
{
  const char data[] = "{\"format\"\0: 1}";
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data (data, sizeof data - 1, &error);

  g_assert_null (bot);
  g_assert_nonnull (error);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/dir/bot.vabot");
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_file (file, NULL, &error);

  g_assert_null (bot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/dir/bot.vabot: "));
}

static void
test_file_error_names_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("va-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;

  g_assert_true (g_file_set_contents (path, "{\n\"format\": ", -1, NULL));
  bot = va_format_load_file (file, NULL, &error);
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_atomic_with_backup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("va-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bot.vabot", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *backup_contents = NULL;

  g_assert_true (va_format_save_file (bot, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  va_bot_set_name (bot, "Renamed");
  g_assert_true (va_format_save_file (bot, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &backup_contents, NULL, NULL));
  g_assert_cmpstr (backup_contents, ==, first);

  {
    g_autoptr(VaBot) again = va_format_load_file (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (va_bot_get_name (again), ==, "Renamed");
  }

  g_unlink (backup);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_to_unwritable (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/dir/bot.vabot");
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autoptr(GError) error = NULL;

  g_assert_false (va_format_save_file (bot, file, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/broken/%s", broken_cases[i].name);

      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/format/all-problems-listed", test_all_problems_listed);
  g_test_add_func ("/format/problem-cap", test_problem_cap);
  g_test_add_func ("/format/deep-nesting", test_deep_nesting);
  g_test_add_func ("/format/brackets-in-strings", test_brackets_in_strings_do_not_count);
  g_test_add_func ("/format/too-large", test_too_large);
  g_test_add_func ("/format/depth-check-not-fooled", test_depth_check_not_fooled);
  g_test_add_func ("/format/too-many-options", test_too_many_options);
  g_test_add_func ("/format/not-regular-file", test_not_regular_file);
  g_test_add_func ("/format/large-file-refused-unread", test_large_file_refused_unread);
  g_test_add_func ("/format/big-topic-loads", test_big_topic_loads);
  g_test_add_func ("/format/long-string", test_long_string);
  g_test_add_func ("/format/too-many-topics", test_too_many_topics);
  g_test_add_func ("/format/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/format/nul-in-data", test_nul_in_data);
  g_test_add_func ("/format/bom-and-trailing-space", test_bom_and_trailing_space);
  g_test_add_func ("/format/surrogate-pair", test_surrogate_pair);
  g_test_add_func ("/format/memory-limit-same-for-both-readers",
                   test_memory_limit_same_for_both_readers);
  g_test_add_func ("/format/big-object-duplicates", test_big_object_duplicates);
  g_test_add_func ("/format/json-reader-same-as-json-glib", test_json_reader_same_as_json_glib);
  g_test_add_func ("/format/missing-file", test_missing_file);
  g_test_add_func ("/format/file-error-names-file", test_file_error_names_file);
  g_test_add_func ("/format/save-atomic-with-backup", test_save_atomic_with_backup);
  g_test_add_func ("/format/save-to-unwritable", test_save_to_unwritable);

  return g_test_run ();
}
