/* va-entity-extract.c — find entity values (prebuilt and custom) in a user's message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message is folded (case folded, NFKD, accents dropped) and cut into tokens: words, numbers
 * (digits of any script, "1,234.5" as one token) and single symbols, each knowing whether white
 * space preceded it. Every extractor of a structured value (numbers, amounts, dates, times,
 * booleans, choices) pattern-matches that token array from left to right, so the leftmost value
 * of a message wins. Email addresses, phone numbers and URLs keep the characters the user typed,
 * so they scan the text itself. All the English words live in one table (va-entity-words.c);
 * another language is one more table.
 *
 * Work is bounded: only the first VA_TEXT_MAX_BYTES of a message are read (the "text" entity
 * aside, which is the whole message), and a custom regular expression runs on at most
 * REGEX_MAX_BYTES under PCRE2 match and heap limits.
 */
#include "config.h"

#include "va-entity-extract.h"
#include "va-entity-private.h"

#include <string.h>

#include "va-entity-item.h"
#include "va-text.h"

/* Custom patterns see at most this much of a message: with the match limit below, a pattern that
 * backtracks catastrophically gives up in about a millisecond. */
#define REGEX_MAX_BYTES 2048
#define REGEX_LIMITS    "(*LIMIT_MATCH=200000)(*LIMIT_HEAP=8192)"

/* ------------------------------------------------------------------------------------------ */
/* Booleans                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static gboolean
extract_boolean (VaEntityInput *in, char **value)
{
  const VaEntityWords *w = in->words;
  gboolean yes = FALSE, no = FALSE;

  for (guint i = 0; i < in->tokens->len; )
    {
      gboolean negated = FALSE;
      guint start = i, end;
      int polarity;

      if (va_entity_is_word (va_entity_token_at (in, i), w->negations) &&
          !va_entity_match_table (in, i, w->booleans, NULL, NULL) &&
          va_entity_match_table (in, i + 1, w->booleans, NULL, NULL))
        {
          negated = TRUE; /* "not correct" */
          start = ++i;
        }
      if (!va_entity_match_table (in, i, w->booleans, &polarity, &end))
        {
          i++;
          continue;
        }
      i = end;
      if (ABS (polarity) == VA_ENTITY_BOOL_ALONE && !va_entity_is_whole_message (in, start, end))
        continue;
      if (polarity == VA_ENTITY_BOOL_UNDECIDED)
        return FALSE;
      if ((polarity > 0) != negated)
        yes = TRUE;
      else
        no = TRUE;
    }
  if (yes == no)
    return FALSE; /* nothing, or "yes and no" */
  *value = g_strdup (yes ? "true" : "false");
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* The whole message                                                                          */
/* ------------------------------------------------------------------------------------------ */

static gboolean
extract_text (const char *text, char **value)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_strstrip (valid);
  if (*valid == '\0')
    return FALSE;
  *value = g_steal_pointer (&valid);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Phrases as words: closed lists and choices                                                 */
/* ------------------------------------------------------------------------------------------ */

/* The words (and numbers) of a text, folded, without punctuation. */
static GPtrArray *
text_words (const char *text)
{
  g_autofree char *valid = va_entity_capped_valid (text, VA_TEXT_MAX_BYTES);
  g_autoptr(GArray) tokens = va_entity_tokenize (valid, FALSE);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (words, g_steal_pointer (&g_array_index (tokens, VaEntityToken, i).text));
  return words;
}

/* Whether @needle occurs as whole words in @haystack at @start; its last word may take a
 * plural "s" or "es". */
static gboolean
words_match_at (GPtrArray *haystack, guint start, GPtrArray *needle)
{
  if (needle->len == 0 || start + needle->len > haystack->len)
    return FALSE;
  for (guint k = 0; k < needle->len; k++)
    {
      const char *h = haystack->pdata[start + k];
      const char *n = needle->pdata[k];
      gsize len = strlen (n);

      if (strcmp (h, n) == 0)
        continue;
      if (k + 1 == needle->len && strncmp (h, n, len) == 0 &&
          (strcmp (h + len, "s") == 0 || strcmp (h + len, "es") == 0))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
words_equal (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint k = 0; k < a->len; k++)
    if (strcmp (a->pdata[k], b->pdata[k]) != 0)
      return FALSE;
  return TRUE;
}

static gsize
words_length (GPtrArray *words)
{
  gsize len = 0;

  for (guint k = 0; k < words->len; k++)
    len += g_utf8_strlen (words->pdata[k], -1) + 1;
  return len;
}

/* An option of a closed list or a choice: its names as words. */
typedef struct
{
  GPtrArray *names; /* GPtrArray of words, one per label or synonym */
} Option;

static void
option_clear (gpointer data)
{
  Option *option = data;

  g_clear_pointer (&option->names, g_ptr_array_unref);
}

static void
option_add_name (Option *option, const char *name)
{
  GPtrArray *words;

  if (name == NULL)
    return;
  words = text_words (name);
  if (words->len == 0)
    {
      g_ptr_array_unref (words);
      return;
    }
  g_ptr_array_add (option->names, words);
}

static GArray *
options_new (void)
{
  GArray *options = g_array_new (FALSE, TRUE, sizeof (Option));

  g_array_set_clear_func (options, option_clear);
  return options;
}

static Option *
options_add (GArray *options, const char *label, const char * const *synonyms)
{
  Option option = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };

  option_add_name (&option, label);
  for (guint k = 0; synonyms != NULL && synonyms[k] != NULL; k++)
    option_add_name (&option, synonyms[k]);
  g_array_append_val (options, option);
  return &g_array_index (options, Option, options->len - 1);
}

/* Where an option's name occurs in the text. */
typedef struct
{
  guint option;
  guint start;
  guint end;
  gsize length; /* characters of the name */
} Occurrence;

static GArray *
find_occurrences (GArray *options, GPtrArray *text)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Occurrence));

  for (guint o = 0; o < options->len; o++)
    {
      GPtrArray *names = g_array_index (options, Option, o).names;

      for (guint k = 0; k < names->len; k++)
        for (guint start = 0; start < text->len; start++)
          if (words_match_at (text, start, names->pdata[k]))
            {
              GPtrArray *name = names->pdata[k];
              Occurrence occurrence = { o, start, start + name->len, words_length (name) };

              g_array_append_val (found, occurrence);
            }
    }
  return found;
}

/* Drops the occurrences inside a longer one of another option: "dark blue" hides "blue". */
static void
keep_longest (GArray *found)
{
  for (guint a = 0; a < found->len; )
    {
      Occurrence *x = &g_array_index (found, Occurrence, a);
      gboolean hidden = FALSE;

      for (guint b = 0; b < found->len && !hidden; b++)
        {
          Occurrence *y = &g_array_index (found, Occurrence, b);

          hidden = y->option != x->option && y->length > x->length && y->start <= x->start &&
                   y->end >= x->end;
        }
      if (hidden)
        g_array_remove_index (found, a);
      else
        a++;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Custom entities                                                                            */
/* ------------------------------------------------------------------------------------------ */

static gboolean
extract_list (VaEntity *entity, const char *text, char **value)
{
  GListModel *items = va_entity_get_items (entity);
  g_autoptr(GPtrArray) words = text_words (text);
  g_autoptr(GArray) options = options_new ();
  g_autoptr(GArray) found = NULL;
  g_autoptr(VaEntityItem) item = NULL;
  const Occurrence *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(VaEntityItem) it = g_list_model_get_item (items, i);
      const char *item_value = va_entity_item_get_value (it);
      gboolean usable = item_value != NULL && *item_value != '\0';

      /* An item without a value has nothing to give; it still keeps its place. */
      options_add (options, usable ? item_value : NULL,
                   usable ? va_entity_item_get_synonyms (it) : NULL);
    }

  found = find_occurrences (options, words);
  for (guint k = 0; k < found->len; k++)
    {
      const Occurrence *o = &g_array_index (found, Occurrence, k);

      if (best == NULL || o->length > best->length ||
          (o->length == best->length && o->start < best->start))
        best = o;
    }
  if (best == NULL)
    return FALSE;
  item = g_list_model_get_item (items, best->option);
  *value = g_strdup (va_entity_item_get_value (item));
  return TRUE;
}

/* Puts our limits after the pattern's own leading (*VERB) items, which must come first; PCRE2
 * keeps the lower of two limits, so a pattern cannot raise them. */
static char *
limit_pattern (const char *pattern)
{
  const char *p = pattern;

  while (p[0] == '(' && p[1] == '*')
    {
      const char *close = strchr (p, ')');

      if (close == NULL)
        break;
      p = close + 1;
    }
  return g_strdup_printf ("%.*s" REGEX_LIMITS "%s", (int) (p - pattern), pattern, p);
}

static gboolean
extract_regex (VaEntity *entity, const char *text, char **value)
{
  const char *pattern = va_entity_get_pattern (entity);
  g_autofree char *limited = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (pattern == NULL || *pattern == '\0' || !g_utf8_validate (pattern, -1, NULL))
    return FALSE;
  limited = limit_pattern (pattern);
  regex = g_regex_new (limited, 0, 0, NULL);
  if (regex == NULL)
    return FALSE; /* the author's problem, reported by the bot check, not here */

  subject = va_entity_capped_valid (text, REGEX_MAX_BYTES);
  /* A match error (limit reached) is no match. */
  if (!g_regex_match_full (regex, subject, -1, 0, G_REGEX_MATCH_NOTEMPTY, &match, NULL))
    return FALSE;
  *value = g_match_info_fetch (match, 0);
  return *value != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * va_entity_extract_prebuilt:
 * @name: a prebuilt entity, one of va_entity_list_prebuilt()
 * @text: the user's message; need not be valid UTF-8
 * @now: (nullable): the time relative dates and "now" count from; %NULL for the local time
 * @value: (out) (optional) (transfer full): the normalised value
 *
 * Finds a value of the prebuilt entity @name in @text, anywhere in the message ("I'd like 3
 * please" has the number 3); the leftmost one when there are several. Values are normalised:
 * numbers in the shortest C-locale form ("1234.5"), booleans "true"/"false", dates
 * "YYYY-MM-DD", times "HH:MM", money, percentages and ages as numbers, phone numbers as digits
 * with "+" when a country code was given, e-mail addresses with the domain lower-cased, URLs
 * with "https://" added when no scheme was given, and "text" the whole message trimmed. Only
 * English is understood for now.
 *
 * Returns: whether a value was found; %FALSE also for an unknown entity
 */
gboolean
va_entity_extract_prebuilt (const char  *name,
                            const char  *text,
                            GDateTime   *now,
                            char       **value)
{
  VaEntityInput in = { 0 };
  g_autofree char *found = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (value != NULL)
    *value = NULL;
  if (g_str_equal (name, "text"))
    ok = extract_text (text, &found);
  else if (va_entity_is_prebuilt (name))
    {
      va_entity_input_init (&in, text, now);
      if (g_str_equal (name, "boolean"))
        ok = extract_boolean (&in, &found);
      else if (g_str_equal (name, "number") || g_str_equal (name, "integer"))
        ok = va_entity_extract_number (&in, g_str_equal (name, "integer"), &found);
      else if (g_str_equal (name, "money") || g_str_equal (name, "percentage") ||
               g_str_equal (name, "age"))
        ok = va_entity_extract_amount (&in, name, &found);
      else if (g_str_equal (name, "email"))
        ok = va_entity_extract_email (&in, &found);
      else if (g_str_equal (name, "phone"))
        ok = va_entity_extract_phone (&in, &found);
      else if (g_str_equal (name, "url"))
        ok = va_entity_extract_url (&in, &found);
      else if (g_str_equal (name, "date"))
        ok = va_entity_extract_date (&in, &found);
      else if (g_str_equal (name, "time"))
        ok = va_entity_extract_time (&in, &found);
      va_entity_input_clear (&in);
    }
  if (ok && value != NULL)
    *value = g_steal_pointer (&found);
  return ok;
}

/**
 * va_entity_extract_custom:
 * @entity: a custom entity
 * @text: the user's message; need not be valid UTF-8
 * @value: (out) (optional) (transfer full): the value found
 *
 * For a closed list, finds the item whose value or one of whose synonyms occurs in @text as
 * whole words, ignoring case, accents and punctuation (a plural "s" too); the longest such
 * phrase wins, and @value is the item's value. For a regular expression, @value is the first
 * non-empty match in the message. A pattern that does not compile matches nothing, and matching
 * takes bounded time whatever the pattern and the text.
 *
 * Returns: whether a value was found
 */
gboolean
va_entity_extract_custom (VaEntity    *entity,
                          const char  *text,
                          char       **value)
{
  g_autofree char *found = NULL;
  gboolean ok;

  g_return_val_if_fail (VA_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (value != NULL)
    *value = NULL;
  if (va_entity_get_kind (entity) == VA_ENTITY_KIND_REGEX)
    ok = extract_regex (entity, text, &found);
  else
    ok = extract_list (entity, text, &found);
  if (ok && value != NULL)
    *value = g_steal_pointer (&found);
  return ok;
}

static VaEntity *
find_custom (VaBot *bot, const char *id)
{
  if (bot == NULL)
    return NULL;
  return va_list_find_by_id (va_bot_get_entities (bot), (gpointer) va_entity_get_id, id, NULL);
}

/**
 * va_entity_extract:
 * @bot: (nullable): the bot whose custom entities @entity may name
 * @entity: a prebuilt entity's name, or the id of one of @bot's custom entities
 * @text: the user's message
 * @now: (nullable): the time relative dates count from; %NULL for the local time
 * @value: (out) (optional) (transfer full): the normalised value
 *
 * Finds a value of @entity in @text with va_entity_extract_prebuilt() or
 * va_entity_extract_custom().
 *
 * Returns: whether a value was found; %FALSE when the entity is unknown
 */
gboolean
va_entity_extract (VaBot       *bot,
                   const char  *entity,
                   const char  *text,
                   GDateTime   *now,
                   char       **value)
{
  VaEntity *custom;

  g_return_val_if_fail (bot == NULL || VA_IS_BOT (bot), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (value != NULL)
    *value = NULL;
  if (entity == NULL)
    return FALSE;
  if (va_entity_is_prebuilt (entity))
    return va_entity_extract_prebuilt (entity, text, now, value);
  custom = find_custom (bot, entity);
  return custom != NULL && va_entity_extract_custom (custom, text, value);
}

/**
 * va_entity_value_type:
 * @bot: (nullable): the bot whose custom entities @entity may name
 * @entity: a prebuilt entity's name, or the id of a custom entity of @bot
 *
 * The type of variable that holds @entity's values: a number for number, integer, money,
 * percentage and age; a boolean for boolean; a date for date; a choice for a closed list; a
 * string for everything else, unknown entities included.
 *
 * Returns: the variable type
 */
VaVariableType
va_entity_value_type (VaBot      *bot,
                      const char *entity)
{
  static const char * const numbers[] = { "number", "integer", "money", "percentage", "age", NULL };
  VaEntity *custom;

  g_return_val_if_fail (bot == NULL || VA_IS_BOT (bot), VA_VARIABLE_TYPE_STRING);

  if (entity == NULL)
    return VA_VARIABLE_TYPE_STRING;
  if (g_strv_contains (numbers, entity))
    return VA_VARIABLE_TYPE_NUMBER;
  if (g_str_equal (entity, "boolean"))
    return VA_VARIABLE_TYPE_BOOLEAN;
  if (g_str_equal (entity, "date"))
    return VA_VARIABLE_TYPE_DATE;
  if (va_entity_is_prebuilt (entity))
    return VA_VARIABLE_TYPE_STRING;
  custom = find_custom (bot, entity);
  if (custom != NULL && va_entity_get_kind (custom) == VA_ENTITY_KIND_LIST)
    return VA_VARIABLE_TYPE_CHOICE;
  return VA_VARIABLE_TYPE_STRING;
}

/* ------------------------------------------------------------------------------------------ */
/* Multiple-choice answers                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Damerau–Levenshtein distance exactly 1: one substitution, insertion, deletion or swap of
 * neighbours. */
static gboolean
one_edit_apart (const char *a, const char *b)
{
  g_autofree gunichar *x = NULL;
  g_autofree gunichar *y = NULL;
  glong nx, ny, i = 0;

  x = g_utf8_to_ucs4_fast (a, -1, &nx);
  y = g_utf8_to_ucs4_fast (b, -1, &ny);
  if (ABS (nx - ny) > 1 || MAX (nx, ny) < 5)
    return FALSE;
  while (i < nx && i < ny && x[i] == y[i])
    i++;
  if (i == nx && i == ny)
    return FALSE; /* equal */
  if (nx == ny)
    {
      if (i + 1 < nx && x[i] == y[i + 1] && x[i + 1] == y[i])
        i++; /* swap */
      for (glong k = i + 1; k < nx; k++)
        if (x[k] != y[k])
          return FALSE;
      return TRUE;
    }
  if (nx < ny)
    {
      gunichar *t = x; glong n = nx;

      x = y; nx = ny; y = t; ny = n;
    }
  /* x is one longer: skip x[i] */
  for (glong k = i; k < ny; k++)
    if (x[k + 1] != y[k])
      return FALSE;
  return TRUE;
}

/* The option a number or an ordinal picks: "2", "option two", "the 2nd one", "last". */
static int
choice_by_number (VaEntityInput *in, guint n_options, GArray *occurrences)
{
  const VaEntityWords *w = in->words;
  VaEntityNumberSpan span;
  guint first = 0;
  int picked = -1;

  /* The whole answer is a number, give or take filler words: "2", "number two please". */
  for (; first < in->tokens->len; first++)
    {
      if (va_entity_number_at (in, first, &span))
        {
          guint j = span.end;

          while (j < in->tokens->len &&
                 va_entity_is_word (va_entity_token_at (in, j), w->choice_fillers))
            j++;
          if (j == in->tokens->len && va_entity_is_integral (span.value) && span.value >= 1 &&
              span.value <= n_options)
            return (int) span.value - 1;
          break;
        }
      if (!va_entity_is_word (va_entity_token_at (in, first), w->choice_fillers))
        break;
    }

  /* An ordinal anywhere that is not part of an option's name ("first class"). */
  for (guint i = 0; i < in->tokens->len; i++)
    {
      int ordinal = -1;
      guint end = i + 1;
      gboolean inside = FALSE;

      if (va_entity_is_word (va_entity_token_at (in, i), w->last))
        ordinal = n_options;
      else if (!va_entity_ordinal_at (in, i, &ordinal, &end))
        continue;
      for (guint k = 0; k < occurrences->len && !inside; k++)
        {
          const Occurrence *o = &g_array_index (occurrences, Occurrence, k);

          inside = i >= o->start && i < o->end;
        }
      if (inside || ordinal < 1 || (guint) ordinal > n_options)
        continue;
      if (picked >= 0 && picked != ordinal - 1)
        return -1; /* "the first or the second" */
      picked = ordinal - 1;
      i = end - 1;
    }
  return picked;
}

/* An option's name with one typo in one of its words: "Bluee". */
static int
choice_by_typo (GArray *options, GPtrArray *text)
{
  int picked = -1;

  for (guint o = 0; o < options->len; o++)
    {
      GPtrArray *names = g_array_index (options, Option, o).names;
      gboolean fits = FALSE;

      for (guint k = 0; k < names->len && !fits; k++)
        {
          GPtrArray *name = names->pdata[k];

          for (guint start = 0; start + name->len <= text->len && !fits; start++)
            {
              guint typos = 0;

              for (guint m = 0; m < name->len && typos <= 1; m++)
                {
                  const char *h = text->pdata[start + m];

                  if (strcmp (h, name->pdata[m]) != 0)
                    typos += one_edit_apart (h, name->pdata[m]) ? 1 : 2;
                }
              fits = typos == 1;
            }
        }
      if (fits && picked >= 0)
        return -1;
      if (fits)
        picked = (int) o;
    }
  return picked;
}

/* Whether all occurrences are of one option; which. */
static int
single_option (GArray *occurrences)
{
  int picked = -1;

  for (guint k = 0; k < occurrences->len; k++)
    {
      const Occurrence *o = &g_array_index (occurrences, Occurrence, k);

      if (picked >= 0 && (guint) picked != o->option)
        return -2;
      picked = (int) o->option;
    }
  return picked;
}

/**
 * va_entity_match_choice:
 * @text: the user's answer
 * @n_options: the number of options
 * @labels: (array length=n_options): the options' labels
 * @synonyms: (array length=n_options) (nullable): for each option a %NULL-terminated vector of
 *   synonyms, or %NULL
 *
 * Finds which option the answer picks, trying in turn: the whole answer is a label or a synonym
 * (ignoring case, accents, punctuation and spacing); the answer is an option's number ("2",
 * "option two") or names it by an ordinal ("second", "the 2nd one", "last"); a label or synonym
 * occurs in the answer as whole words ("I want the blue one"; the longest wins, and two different
 * options make it ambiguous); a label or synonym with one typo (Damerau–Levenshtein distance 1
 * in a word of five letters or more), when only one option fits.
 *
 * Returns: the index of the option, or -1
 */
int
va_entity_match_choice (const char                  *text,
                        guint                        n_options,
                        const char * const          *labels,
                        const char * const * const  *synonyms)
{
  g_autoptr(GArray) options = options_new ();
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GPtrArray) words = NULL;
  VaEntityInput in = { 0 };
  int picked;

  g_return_val_if_fail (text != NULL, -1);
  g_return_val_if_fail (labels != NULL || n_options == 0, -1);

  words = text_words (text);
  if (words->len == 0 || n_options == 0)
    return -1;
  for (guint o = 0; o < n_options; o++)
    options_add (options, labels[o], synonyms != NULL ? synonyms[o] : NULL);

  for (guint o = 0; o < n_options; o++)
    {
      GPtrArray *names = g_array_index (options, Option, o).names;

      for (guint k = 0; k < names->len; k++)
        if (words_equal (names->pdata[k], words))
          return (int) o;
    }

  occurrences = find_occurrences (options, words);
  keep_longest (occurrences);

  /* Numbers and ordinals read the words as tokens too; without symbols the indices agree. */
  in.words = va_entity_words_for_language ("en");
  in.source = va_entity_capped_valid (text, VA_TEXT_MAX_BYTES);
  in.tokens = va_entity_tokenize (in.source, FALSE);
  picked = choice_by_number (&in, n_options, occurrences);
  va_entity_input_clear (&in);
  if (picked >= 0)
    return picked;

  picked = single_option (occurrences);
  if (picked != -1)
    return MAX (picked, -1);
  return choice_by_typo (options, words);
}
