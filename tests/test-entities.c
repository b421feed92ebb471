/* test-entities.c — entity extraction: every prebuilt entity, custom lists and patterns, and
 * multiple-choice answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-bot.h"
#include "va-entity.h"
#include "va-entity-extract.h"
#include "va-entity-item.h"

/* An entity, a message and the value expected, NULL for "nothing found". */
typedef struct
{
  const char *entity;
  const char *text;
  const char *expected;
} Case;

/* Thursday 26 November 2026, 10:00. */
static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 11, 26, 10, 0, 0);
}

/* Runs every case and reports each failure, so that one run shows them all. */
static void
check_cases (const Case *cases, gsize n_cases)
{
  g_autoptr(GDateTime) now = fixed_now ();

  for (gsize i = 0; i < n_cases; i++)
    {
      const Case *c = &cases[i];
      g_autofree char *value = NULL;
      gboolean found = va_entity_extract_prebuilt (c->entity, c->text, now, &value);

      g_assert_true (found == (value != NULL));
      if (g_strcmp0 (value, c->expected) != 0)
        {
          g_test_message ("FAIL: %s in \"%s\": expected %s%s%s, got %s%s%s", c->entity,
                          c->text, c->expected ? "\"" : "", c->expected ? c->expected : "nothing",
                          c->expected ? "\"" : "", value ? "\"" : "",
                          value ? value : "nothing", value ? "\"" : "");
          g_test_fail ();
        }
    }
}

#define CHECK_CASES(cases) check_cases (cases, G_N_ELEMENTS (cases))

static void
test_boolean (void)
{
  static const Case cases[] = {
    { "boolean", "yes", "true" },
    { "boolean", "Yeah!", "true" },
    { "boolean", "yep", "true" },
    { "boolean", "Sure", "true" },
    { "boolean", "ok", "true" },
    { "boolean", "Okay.", "true" },
    { "boolean", "o.k.", "true" },
    { "boolean", "correct", "true" },
    { "boolean", "TRUE", "true" },
    { "boolean", "y", "true" },
    { "boolean", "Y!", "true" },
    { "boolean", "yes please", "true" },
    { "boolean", "Yes, that's right", "true" },
    { "boolean", "of course", "true" },
    { "boolean", "no problem", "true" },
    { "boolean", "sure, why not", "true" },
    { "boolean", "\xf0\x9f\x91\x8d", "true" },
    { "boolean", "right", "true" },
    { "boolean", "no", "false" },
    { "boolean", "Nope", "false" },
    { "boolean", "nah", "false" },
    { "boolean", "false", "false" },
    { "boolean", "n", "false" },
    { "boolean", "not really", "false" },
    { "boolean", "No thanks", "false" },
    { "boolean", "not at all", "false" },
    { "boolean", "I don't think so", "false" },
    { "boolean", "I don\xe2\x80\x99t", "false" },
    { "boolean", "that's not correct", "false" },
    { "boolean", "Nope, that's wrong", "false" },
    { "boolean", "of course not", "false" },
    { "boolean", "absolutely not", "false" },
    { "boolean", "that is not right", "false" },
    { "boolean", "maybe", NULL },
    { "boolean", "I'm not sure", NULL },
    { "boolean", "I don't know", NULL },
    { "boolean", "I do not know", NULL },
    { "boolean", "yes and no", NULL },
    { "boolean", "banana", NULL },
    { "boolean", "the y axis", NULL },   /* "y" counts only on its own */
    { "boolean", "", NULL },
    { "boolean", "   ", NULL },
  };

  CHECK_CASES (cases);
}

static void
test_number (void)
{
  static const Case cases[] = {
    { "number", "42", "42" },
    { "number", "-3.5", "-3.5" },
    { "number", "\xe2\x88\x92" "2", "-2" },          /* U+2212 minus */
    { "number", "1,234.5", "1234.5" },
    { "number", "1,234,567", "1234567" },
    { "number", "0.50", "0.5" },
    { "number", "007", "7" },
    { "number", "-0", "0" },
    { "number", "twenty five", "25" },
    { "number", "Twenty-five", "25" },
    { "number", "a hundred and two", "102" },
    { "number", "three", "3" },
    { "number", "zero", "0" },
    { "number", "two thousand twenty six", "2026" },
    { "number", "nineteen hundred", "1900" },
    { "number", "a dozen eggs", "12" },
    { "number", "2 million", "2000000" },
    { "number", "I need 2", "2" },
    { "number", "I'd like 3 please", "3" },
    { "number", "It costs 12.5 in total", "12.5" },
    { "number", "range 3-5", "3" },
    { "number", "between five and six", "5" },
    { "number", "\xd9\xa1\xd9\xa2", "12" },          /* Arabic-Indic digits */
    { "number", "\xef\xbc\x93", "3" },               /* fullwidth 3 */
    { "number", "no numbers here", NULL },
    { "number", "the one on the left", NULL },       /* a pronoun, not 1 */
    { "number", "a lot", NULL },
    { "number", "999999999999999999999999", NULL },  /* beyond a double's digits */
    { "number", "", NULL },
    { "integer", "4", "4" },
    { "integer", "four", "4" },
    { "integer", "4.0", "4" },
    { "integer", "-7", "-7" },
    { "integer", "I have 12 cats", "12" },
    { "integer", "4.5", NULL },
    { "integer", "none", NULL },
  };

  CHECK_CASES (cases);
}

static void
test_amounts (void)
{
  static const Case cases[] = {
    { "money", "$12.50", "12.5" },
    { "money", "12 dollars", "12" },
    { "money", "\xe2\x82\xac" "5", "5" },            /* €5 */
    { "money", "5\xe2\x82\xac", "5" },               /* 5€ */
    { "money", "5 euros", "5" },
    { "money", "USD 30", "30" },
    { "money", "\xc2\xa3" "3.99", "3.99" },          /* £3.99 */
    { "money", "$1,299", "1299" },
    { "money", "50 cents", "0.5" },
    { "money", "12 dollars and 50 cents", "12.5" },
    { "money", "twenty bucks", "20" },
    { "money", "2 tickets for $30", "30" },          /* the amount with a currency wins */
    { "money", "about 40", "40" },                   /* a bare amount */
    { "money", "free", NULL },
    { "percentage", "15%", "15" },
    { "percentage", "15 %", "15" },
    { "percentage", "15 percent", "15" },
    { "percentage", "fifteen percent", "15" },
    { "percentage", "12.5 per cent", "12.5" },
    { "percentage", "of 3 people 50% said yes", "50" },
    { "percentage", "about 30", "30" },
    { "percentage", "none", NULL },
    { "age", "30 years old", "30" },
    { "age", "I am 30", "30" },
    { "age", "I'm 45", "45" },
    { "age", "age 7", "7" },
    { "age", "aged seventy", "70" },
    { "age", "she is a 6-year-old", "6" },
    { "age", "18 months old", "1.5" },
    { "age", "I have 2 kids and I am 40", "40" },
    { "age", "thirty", "30" },
    { "age", "200", NULL },
    { "age", "200 years old", NULL },
    { "age", "old enough", NULL },
  };

  CHECK_CASES (cases);
}

static void
test_contacts (void)
{
  static const Case cases[] = {
    { "email", "Bob@Example.COM", "Bob@example.com" },
    { "email", "my mail is Bob@Example.COM thanks", "Bob@example.com" },
    { "email", "<jane.doe+tag@mail.gnome.org>", "jane.doe+tag@mail.gnome.org" },
    { "email", "write to a@b.co.", "a@b.co" },
    { "email", "(o'brien@example.ie)", "o'brien@example.ie" },
    { "email", "jos\xc3\xa9@EX\xc3\x84MPLE.org", "jos\xc3\xa9@ex\xc3\xa4mple.org" },
    { "email", "not an email @ all", NULL },
    { "email", "bob@localhost", NULL },
    { "email", "bob@@example.com", NULL },
    { "email", "bob@example.c", NULL },
    { "email", "@example.com", NULL },
    { "email", "bob@-example.com", NULL },
    { "phone", "+1 (425) 555-0100", "+14255550100" },
    { "phone", "425-555-0100", "4255550100" },
    { "phone", "call me on 425.555.0100 please", "4255550100" },
    { "phone", "+44 20 7946 0958", "+442079460958" },
    { "phone", "0044 20 7946 0958", "+442079460958" },
    { "phone", "I have 2 kids, my number is 425 555 0100", "4255550100" },
    { "phone", "+1 425  555 0100", "+14255550100" },
    { "phone", "1-800-555-0199", "18005550199" },
    { "phone", "555-01", NULL },
    { "phone", "2026-12-01", NULL },                 /* a date */
    { "phone", "12345", NULL },
    { "phone", "1234567890123456", NULL },           /* longer than E.164 */
    { "phone", "order A4255550100", NULL },          /* inside a word */
    { "phone", "no phone", NULL },
    { "url", "https://example.com/a?b=1", "https://example.com/a?b=1" },
    { "url", "www.gnome.org", "https://www.gnome.org" },
    { "url", "see https://example.com/a?b=1.", "https://example.com/a?b=1" },
    { "url", "(https://en.wikipedia.org/wiki/C_(language))",
      "https://en.wikipedia.org/wiki/C_(language)" },
    { "url", "go to gnome.org today", "https://gnome.org" },
    { "url", "HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM" },
    { "url", "link:https://gnome.org", "https://gnome.org" },
    { "url", "javascript:alert(1)", NULL },
    { "url", "ftp://files.example.com", NULL },
    { "url", "data:text/html,<script>alert(1)</script>", NULL },
    { "url", "file.txt", NULL },
    { "url", "mail bob@gnome.org", NULL },
    { "url", "http://", NULL },
    { "url", "e.g. this", NULL },
  };

  CHECK_CASES (cases);
}

static void
test_date (void)
{
  /* Today is Thursday 2026-11-26. A weekday on its own is the next one, today included; "next
   * friday" is the friday of next week (weeks start on Monday); "last monday" is the last one
   * before today. A date without a year is its next occurrence, today included. */
  static const Case cases[] = {
    { "date", "today", "2026-11-26" },
    { "date", "tomorrow", "2026-11-27" },
    { "date", "Yesterday", "2026-11-25" },
    { "date", "the day after tomorrow", "2026-11-28" },
    { "date", "next friday", "2026-12-04" },
    { "date", "next Thursday", "2026-12-03" },
    { "date", "on monday", "2026-11-30" },
    { "date", "friday", "2026-11-27" },
    { "date", "thursday", "2026-11-26" },
    { "date", "this coming thursday", "2026-12-03" },
    { "date", "last friday", "2026-11-20" },
    { "date", "last monday", "2026-11-23" },
    { "date", "last thursday", "2026-11-19" },
    { "date", "tue, dec 1", "2026-12-01" },          /* the date says which tuesday */
    { "date", "in 3 days", "2026-11-29" },
    { "date", "in two weeks", "2026-12-10" },
    { "date", "a week from today", "2026-12-03" },
    { "date", "3 days ago", "2026-11-23" },
    { "date", "next month", "2026-12-26" },
    { "date", "in 1 year", "2027-11-26" },
    { "date", "2026-12-01", "2026-12-01" },
    { "date", "2026/12/01", "2026-12-01" },
    { "date", "12/25/2026", "2026-12-25" },
    { "date", "25/12/2026", "2026-12-25" },          /* 25 cannot be a month */
    { "date", "12/25/26", "2026-12-25" },
    { "date", "12-25-2026", "2026-12-25" },
    { "date", "12/25", "2026-12-25" },
    { "date", "12.25.2026", "2026-12-25" },
    { "date", "25.12.26", "2026-12-25" },
    { "date", "1/5", "2027-01-05" },
    { "date", "25 December 2026", "2026-12-25" },
    { "date", "December 25th", "2026-12-25" },
    { "date", "Dec 25", "2026-12-25" },
    { "date", "Dec. 25, 2027", "2027-12-25" },
    { "date", "the 3rd of March", "2027-03-03" },
    { "date", "on the 3rd of March", "2027-03-03" },
    { "date", "March third", "2027-03-03" },
    { "date", "the twenty-fifth of december", "2026-12-25" },
    { "date", "November 26", "2026-11-26" },
    { "date", "November 25", "2027-11-25" },
    { "date", "May 5", "2027-05-05" },
    { "date", "on the 30th", "2026-11-30" },
    { "date", "on the 31st", "2026-12-31" },
    { "date", "I fly out on Friday, December 4th", "2026-12-04" },
    { "date", "friday the 4th", "2026-12-04" },
    { "date", "I'll come in 3 days at 5pm", "2026-11-29" },
    { "date", "February 29", "2028-02-29" },
    { "date", "February 30", NULL },
    { "date", "2026-02-30", NULL },
    { "date", "13/13/2026", NULL },
    { "date", "in 100000 years", NULL },
    { "date", "3.5 kg", NULL },
    { "date", "june 31", NULL },
    { "date", "no date here", NULL },
    { "date", "may I come", NULL },
    { "date", "", NULL },
  };

  CHECK_CASES (cases);
}

static void
test_time (void)
{
  static const Case cases[] = {
    { "time", "3pm", "15:00" },
    { "time", "3 PM", "15:00" },
    { "time", "3:30 pm", "15:30" },
    { "time", "3:30pm", "15:30" },
    { "time", "3.30pm", "15:30" },
    { "time", "15:30", "15:30" },
    { "time", "noon", "12:00" },
    { "time", "midnight", "00:00" },
    { "time", "at 9", "09:00" },
    { "time", "9", "09:00" },
    { "time", "9 a.m.", "09:00" },
    { "time", "9 p.m.", "21:00" },
    { "time", "12am", "00:00" },
    { "time", "12pm", "12:00" },
    { "time", "7 in the evening", "19:00" },
    { "time", "10 o'clock", "10:00" },
    { "time", "half past 3", "03:30" },
    { "time", "quarter to 5 pm", "16:45" },
    { "time", "at three", "03:00" },
    { "time", "three pm", "15:00" },
    { "time", "tomorrow at 10:15", "10:15" },
    { "time", "at 7:05:30", "07:05" },
    { "time", "now", "10:00" },
    { "time", "7.45", "07:45" },
    { "time", "around 7 tonight", "19:00" },
    { "time", "three thirty pm", "15:30" },
    { "time", "quarter past nine", "09:15" },
    { "time", "24:00", NULL },
    { "time", "room 101", NULL },
    { "time", "25:00", NULL },
    { "time", "13pm", NULL },
    { "time", "12:60", NULL },
    { "time", "I have 3 kids", NULL },
    { "time", "later", NULL },
    { "text", "  hello world  ", "hello world" },
    { "text", "emoji \xf0\x9f\x8e\x89", "emoji \xf0\x9f\x8e\x89" },
    { "text", "", NULL },
    { "text", " \t\n ", NULL },
  };

  CHECK_CASES (cases);
}

/* ------------------------------------------------------------------------------------------ */

static VaEntityItem *
make_item (const char *value, const char * const *synonyms)
{
  VaEntityItem *item = va_entity_item_new ();

  va_entity_item_set_value (item, value);
  va_entity_item_set_synonyms (item, synonyms);
  return item;
}

static void
add_item (VaEntity *entity, const char *value, const char * const *synonyms)
{
  g_autoptr(VaEntityItem) item = make_item (value, synonyms);

  g_list_store_append (G_LIST_STORE (va_entity_get_items (entity)), item);
}

static VaEntity *
make_desserts (void)
{
  static const char * const brulee[] = { "creme brulee", "burnt cream", NULL };
  static const char * const ice_cream[] = { "gelato", NULL };
  VaEntity *entity = va_entity_new ();

  va_entity_set_id (entity, "dessert");
  va_entity_set_kind (entity, VA_ENTITY_KIND_LIST);
  add_item (entity, "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", brulee);
  add_item (entity, "Cream", NULL);
  add_item (entity, "Ice cream", ice_cream);
  add_item (entity, NULL, NULL); /* an item being edited */
  return entity;
}

static VaEntity *
make_pattern (const char *id, const char *pattern)
{
  VaEntity *entity = va_entity_new ();

  va_entity_set_id (entity, id);
  va_entity_set_kind (entity, VA_ENTITY_KIND_REGEX);
  va_entity_set_pattern (entity, pattern);
  return entity;
}

static void
check_custom (VaEntity *entity, const char *text, const char *expected)
{
  g_autofree char *value = NULL;
  gboolean found = va_entity_extract_custom (entity, text, &value);

  g_assert_true (found == (value != NULL));
  if (g_strcmp0 (value, expected) != 0)
    {
      g_test_message ("FAIL: %s in \"%.60s\": expected %s, got %s", va_entity_get_id (entity),
                      text, expected ? expected : "nothing", value ? value : "nothing");
      g_test_fail ();
    }
}

static void
test_custom_list (void)
{
  static const struct { const char *text, *expected; } cases[] = {
    { "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e" },
    { "I'd like a creme brulee", "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e" },
    { "CR\xc3\x88ME BR\xc3\x9bL\xc3\x89" "E!", "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e" },
    { "some burnt-cream, please", "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e" },
    { "ice cream please", "Ice cream" },             /* longer than "cream" */
    { "just cream", "Cream" },
    { "two gelatos", "Ice cream" },                  /* a plural */
    { "icecream", NULL },
    { "screaming", NULL },                           /* whole words only */
    { "nothing", NULL },
    { "", NULL },
  };
  g_autoptr(VaEntity) entity = make_desserts ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check_custom (entity, cases[i].text, cases[i].expected);
}

static void
test_custom_regex (void)
{
  g_autoptr(VaEntity) order = make_pattern ("order", "[A-Z]{2}\\d{6}");
  g_autoptr(VaEntity) invalid = make_pattern ("invalid", "([A-Z");
  g_autoptr(VaEntity) empty = make_pattern ("empty", "");
  g_autoptr(VaEntity) stars = make_pattern ("stars", "a*");
  g_autoptr(VaEntity) evil = make_pattern ("evil", "^(a+)+$");
  g_autoptr(VaEntity) evil_raised = make_pattern ("evil-raised",
                                                  "(*LIMIT_MATCH=2000000000)^(a|aa)+$");
  g_autoptr(VaEntity) unicode = make_pattern ("unicode", "(*UTF)\\p{Lu}\\p{Ll}+");
  g_autoptr(GString) attack = g_string_new (NULL);

  check_custom (order, "my order is AB123456 thanks", "AB123456");
  check_custom (order, "AB123456 and CD654321", "AB123456");
  check_custom (order, "ab123456", NULL);
  check_custom (order, "A1234567", NULL);
  check_custom (invalid, "AB123456", NULL);          /* no g_warning: fatal here */
  check_custom (empty, "anything", NULL);
  check_custom (stars, "bbb", NULL);                 /* empty matches do not count */
  check_custom (stars, "baab", "aa");
  check_custom (unicode, "hello \xc3\x89lodie", "\xc3\x89lodie");

  /* Catastrophic backtracking stops at the match limit; even a pattern asking for a higher
   * limit gets ours. */
  for (int i = 0; i < 40; i++)
    g_string_append_c (attack, 'a');
  g_string_append_c (attack, 'b');
  check_custom (evil, attack->str, NULL);
  check_custom (evil_raised, attack->str, NULL);
  for (int i = 0; i < 100000; i++)
    g_string_append (attack, "ab");
  check_custom (evil, attack->str, NULL);
  check_custom (evil_raised, attack->str, NULL);
}

static void
test_bot (void)
{
  g_autoptr(VaBot) bot = va_bot_new ();
  g_autoptr(VaEntity) desserts = make_desserts ();
  g_autoptr(VaEntity) order = make_pattern ("order", "[A-Z]{2}\\d{6}");
  g_autoptr(GDateTime) now = fixed_now ();
  static const struct { const char *entity; VaVariableType type; } types[] = {
    { "number", VA_VARIABLE_TYPE_NUMBER },
    { "integer", VA_VARIABLE_TYPE_NUMBER },
    { "money", VA_VARIABLE_TYPE_NUMBER },
    { "percentage", VA_VARIABLE_TYPE_NUMBER },
    { "age", VA_VARIABLE_TYPE_NUMBER },
    { "boolean", VA_VARIABLE_TYPE_BOOLEAN },
    { "date", VA_VARIABLE_TYPE_DATE },
    { "time", VA_VARIABLE_TYPE_STRING },
    { "email", VA_VARIABLE_TYPE_STRING },
    { "phone", VA_VARIABLE_TYPE_STRING },
    { "url", VA_VARIABLE_TYPE_STRING },
    { "text", VA_VARIABLE_TYPE_STRING },
    { "dessert", VA_VARIABLE_TYPE_CHOICE },
    { "order", VA_VARIABLE_TYPE_STRING },
    { "no-such-entity", VA_VARIABLE_TYPE_STRING },
  };
  char *value = NULL;

  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), desserts);
  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), order);

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_cmpint (va_entity_value_type (bot, types[i].entity), ==, types[i].type);
  g_assert_cmpint (va_entity_value_type (NULL, "date"), ==, VA_VARIABLE_TYPE_DATE);
  g_assert_cmpint (va_entity_value_type (NULL, "dessert"), ==, VA_VARIABLE_TYPE_STRING);
  g_assert_cmpint (va_entity_value_type (bot, NULL), ==, VA_VARIABLE_TYPE_STRING);

  g_assert_true (va_entity_extract (bot, "dessert", "an ice cream", now, &value));
  g_assert_cmpstr (value, ==, "Ice cream");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract (bot, "order", "it's XY000001", now, &value));
  g_assert_cmpstr (value, ==, "XY000001");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract (bot, "date", "tomorrow", now, &value));
  g_assert_cmpstr (value, ==, "2026-11-27");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract (NULL, "number", "seven", NULL, &value));
  g_assert_cmpstr (value, ==, "7");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract (bot, "boolean", "yes", NULL, NULL));

  value = (char *) "stale"; /* reset on failure */
  g_assert_false (va_entity_extract (bot, "no-such-entity", "ice cream", now, &value));
  g_assert_null (value);
  g_assert_false (va_entity_extract (NULL, "dessert", "ice cream", now, &value));
  g_assert_null (value);
  g_assert_false (va_entity_extract (bot, "dessert", "pie", now, &value));
  g_assert_null (value);
  g_assert_false (va_entity_extract (bot, NULL, "pie", now, &value));
  g_assert_false (va_entity_extract_prebuilt ("colour", "red", now, &value));
  g_assert_null (value);

  /* Relative dates count from the local time when no time is given. */
  g_assert_true (va_entity_extract (bot, "date", "today", NULL, &value));
  g_assert_cmpint (strlen (value), ==, 10);
  g_clear_pointer (&value, g_free);
}

/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  int         expected;
} ChoiceCase;

static void
check_choices (const char * const *labels, const char * const * const *synonyms,
               const ChoiceCase *cases, gsize n_cases)
{
  guint n = g_strv_length ((char **) labels);

  for (gsize i = 0; i < n_cases; i++)
    {
      int got = va_entity_match_choice (cases[i].text, n, labels, synonyms);

      if (got != cases[i].expected)
        {
          g_test_message ("FAIL: choice \"%s\": expected %d, got %d", cases[i].text,
                          cases[i].expected, got);
          g_test_fail ();
        }
    }
}

static void
test_choice (void)
{
  static const char * const colours[] = { "Red", "Blue", "Dark blue", "Green", NULL };
  static const char * const blue_synonyms[] = { "azure", NULL };
  static const char * const green_synonyms[] = { "verde", NULL };
  static const char * const * const colour_synonyms[] = {
    NULL, blue_synonyms, NULL, green_synonyms
  };
  static const ChoiceCase colour_cases[] = {
    { "blue", 1 },
    { "Blue!", 1 },
    { "  BLUE  ", 1 },
    { "dark   blue", 2 },
    { "azure", 1 },
    { "Verde", 3 },
    { "2", 1 },
    { "two", 1 },
    { "#3", 2 },
    { "option 3", 2 },
    { "number two please", 1 },
    { "second", 1 },
    { "the 2nd one", 1 },
    { "the second one", 1 },
    { "first", 0 },
    { "last", 3 },
    { "the last one", 3 },
    { "I want the blue one", 1 },
    { "I'd like dark blue please", 2 },        /* longer than "blue" */
    { "red or green", -1 },                    /* two options */
    { "the first or the second", -1 },
    { "Bluee", 1 },                            /* one typo, five letters */
    { "gren", 3 },
    { "Geren", 3 },                            /* swapped letters */
    { "5", -1 },                               /* no fifth option */
    { "fifth", -1 },
    { "purple", -1 },
    { "", -1 },
    { "!!!", -1 },
  };
  static const char * const yes_no[] = { "Yes", "No", NULL };
  static const ChoiceCase yes_no_cases[] = {
    { "yes", 0 },
    { "No.", 1 },
    { "yse", -1 },                             /* too short for a typo */
    { "nope", -1 },
  };
  static const char * const classes[] = { "First class", "Economy", NULL };
  static const ChoiceCase class_cases[] = {
    { "first class please", 0 },               /* "first" is part of the name */
    { "economy", 1 },
    { "Economyy", 1 },
    { "first", 0 },
    { "second", 1 },
  };
  static const char * const ratings[] = { "1", "2", "3", "4", "5", NULL };
  static const ChoiceCase rating_cases[] = {
    { "5", 4 },
    { "3", 2 },
    { "the 2nd", 1 },
    { "four", 3 },
    { "6", -1 },
  };
  static const char * const close[] = { "Green", "Greed", NULL };
  static const ChoiceCase close_cases[] = {
    { "Greef", -1 },                           /* a typo of both */
    { "greed", 1 },
  };
  static const char * const desserts[] = { "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", "Tarte", NULL };
  static const ChoiceCase dessert_cases[] = {
    { "creme brulee", 0 },
    { "la tarte", 1 },
  };

  check_choices (colours, colour_synonyms, colour_cases, G_N_ELEMENTS (colour_cases));
  check_choices (yes_no, NULL, yes_no_cases, G_N_ELEMENTS (yes_no_cases));
  check_choices (classes, NULL, class_cases, G_N_ELEMENTS (class_cases));
  check_choices (ratings, NULL, rating_cases, G_N_ELEMENTS (rating_cases));
  check_choices (close, NULL, close_cases, G_N_ELEMENTS (close_cases));
  check_choices (desserts, NULL, dessert_cases, G_N_ELEMENTS (dessert_cases));
  g_assert_cmpint (va_entity_match_choice ("blue", 0, NULL, NULL), ==, -1);
}

/* ------------------------------------------------------------------------------------------ */

static char *
repeat (const char *unit, gsize bytes)
{
  gsize len = strlen (unit);
  GString *s = g_string_sized_new (bytes + 1);

  while (s->len + len <= bytes)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* Odd input never crashes, never warns, and gives valid UTF-8 or nothing. */
static void
test_hostile (void)
{
  const char * const *prebuilt = va_entity_list_prebuilt ();
  g_autoptr(VaEntity) desserts = make_desserts ();
  g_autoptr(VaEntity) order = make_pattern ("order", "[A-Z]{2}\\d{6}");
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const char * const labels[] = { "Red", "Blue", NULL };
  g_autofree char *big_number = NULL;
  g_autofree char *value = NULL;

  g_ptr_array_add (texts, g_strdup (""));
  g_ptr_array_add (texts, g_strdup ("\xff\xfe 42 \xc3"));                    /* invalid UTF-8 */
  g_ptr_array_add (texts, g_strdup ("\xf0\x9f\x98\x80\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"));
  g_ptr_array_add (texts, g_strdup ("\xe2\x80\x8f\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 42"));
  g_ptr_array_add (texts, g_strdup ("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\xab" "3pm"));
  g_ptr_array_add (texts, g_strdup ("\xcc\x81\xcc\x81\xcc\x81 a\xcc\x81\xcc\x81"));
  g_ptr_array_add (texts, repeat ("a", 1 << 20));
  g_ptr_array_add (texts, repeat ("1", 1 << 20));
  g_ptr_array_add (texts, repeat ("1,", 1 << 20));
  g_ptr_array_add (texts, repeat ("(a", 1 << 20));
  g_ptr_array_add (texts, repeat ("a@", 1 << 20));
  g_ptr_array_add (texts, repeat ("@", 1 << 20));
  g_ptr_array_add (texts, repeat ("+", 1 << 20));
  g_ptr_array_add (texts, repeat ("- ", 1 << 20));
  g_ptr_array_add (texts, repeat ("1/", 1 << 20));
  g_ptr_array_add (texts, repeat ("www.", 1 << 20));
  g_ptr_array_add (texts, repeat ("not ", 1 << 20));
  g_ptr_array_add (texts, repeat ("twenty ", 1 << 20));
  g_ptr_array_add (texts, repeat ("\xf0\x9f\x8e\x89", 1 << 20));
  g_ptr_array_add (texts, repeat ("\xd9\xa1", 1 << 20));

  for (guint t = 0; t < texts->len; t++)
    {
      const char *text = texts->pdata[t];

      for (guint k = 0; prebuilt[k] != NULL; k++)
        {
          g_autofree char *v = NULL;

          if (va_entity_extract_prebuilt (prebuilt[k], text, now, &v))
            g_assert_true (g_utf8_validate (v, -1, NULL));
        }
      g_clear_pointer (&value, g_free);
      if (va_entity_extract_custom (desserts, text, &value))
        g_assert_true (g_utf8_validate (value, -1, NULL));
      g_clear_pointer (&value, g_free);
      if (va_entity_extract_custom (order, text, &value))
        g_assert_true (g_utf8_validate (value, -1, NULL));
      g_assert_cmpint (va_entity_match_choice (text, 2, labels, NULL), >=, -1);
    }

  /* What is valid in broken or foreign text is still found. */
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract_prebuilt ("number", texts->pdata[1], now, &value));
  g_assert_cmpstr (value, ==, "42");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract_prebuilt ("number", texts->pdata[3], now, &value));
  g_assert_cmpstr (value, ==, "42");
  g_clear_pointer (&value, g_free);
  g_assert_true (va_entity_extract_prebuilt ("time", texts->pdata[4], now, &value));
  g_assert_cmpstr (value, ==, "15:00");
  g_clear_pointer (&value, g_free);

  /* Only the first kilobytes are read: a number after a megabyte is not seen... */
  big_number = g_strconcat (texts->pdata[6], " 42", NULL);
  g_assert_false (va_entity_extract_prebuilt ("number", big_number, now, &value));
  /* ...but the entire response is the entire response. */
  g_assert_true (va_entity_extract_prebuilt ("text", big_number, now, &value));
  g_assert_cmpuint (strlen (value), ==, strlen (big_number));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entities/boolean", test_boolean);
  g_test_add_func ("/entities/number", test_number);
  g_test_add_func ("/entities/amounts", test_amounts);
  g_test_add_func ("/entities/contacts", test_contacts);
  g_test_add_func ("/entities/date", test_date);
  g_test_add_func ("/entities/time-text", test_time);
  g_test_add_func ("/entities/custom-list", test_custom_list);
  g_test_add_func ("/entities/custom-regex", test_custom_regex);
  g_test_add_func ("/entities/bot", test_bot);
  g_test_add_func ("/entities/choice", test_choice);
  g_test_add_func ("/entities/hostile", test_hostile);

  return g_test_run ();
}
