/* va-entity-words.c — the words entities are written with, and a message cut into tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All the English words of every extractor live in one table; another language is one more
 * table. A message is folded (case folded, NFKD, accents dropped) and cut into tokens: words,
 * numbers (digits of any script, "1,234.5" as one token) and single symbols, each knowing
 * whether white space preceded it; the extractors match phrases of the table against them.
 */
#include "config.h"

#include "va-entity-private.h"

#include <math.h>
#include <string.h>

#include "va-text.h"

/* ------------------------------------------------------------------------------------------ */
/* Words                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static const VaEntityPhrase en_units[] = {
  { "zero", 0 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
  { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
  { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 },
  { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 }, { NULL, 0 }
};
static const VaEntityPhrase en_tens[] = {
  { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fourty", 40 }, { "fifty", 50 },
  { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 }, { NULL, 0 }
};
static const VaEntityPhrase en_multipliers[] = {
  { "dozen", 12 }, { "hundred", 100 }, { "thousand", 1000 }, { "million", 1000000 },
  { "billion", 1000000000 }, { NULL, 0 }
};
static const char * const en_indefinite[] = { "a", "an", NULL };
static const char * const en_conjunctions[] = { "and", NULL };
static const char * const en_pronoun_one[] = {
  "the", "this", "that", "which", "any", "no", "every", "each", "another", "other", "some",
  NULL
};
static const VaEntityPhrase en_ordinals[] = {
  { "first", 1 }, { "second", 2 }, { "third", 3 }, { "fourth", 4 }, { "fifth", 5 },
  { "sixth", 6 }, { "seventh", 7 }, { "eighth", 8 }, { "ninth", 9 }, { "tenth", 10 },
  { "eleventh", 11 }, { "twelfth", 12 }, { "thirteenth", 13 }, { "fourteenth", 14 },
  { "fifteenth", 15 }, { "sixteenth", 16 }, { "seventeenth", 17 }, { "eighteenth", 18 },
  { "nineteenth", 19 }, { "twentieth", 20 }, { "thirtieth", 30 }, { "fortieth", 40 },
  { "fiftieth", 50 }, { "sixtieth", 60 }, { "seventieth", 70 }, { "eightieth", 80 },
  { "ninetieth", 90 }, { NULL, 0 }
};
static const char * const en_ordinal_suffixes[] = { "st", "nd", "rd", "th", NULL };

static const VaEntityPhrase en_booleans[] = {
  { "yes", VA_ENTITY_BOOL_YES }, { "yeah", VA_ENTITY_BOOL_YES }, { "yea", VA_ENTITY_BOOL_YES },
  { "yep", VA_ENTITY_BOOL_YES }, { "yup", VA_ENTITY_BOOL_YES }, { "yas", VA_ENTITY_BOOL_YES },
  { "sure", VA_ENTITY_BOOL_YES }, { "ok", VA_ENTITY_BOOL_YES }, { "okay", VA_ENTITY_BOOL_YES },
  { "okey", VA_ENTITY_BOOL_YES }, { "o k", VA_ENTITY_BOOL_YES }, { "o . k", VA_ENTITY_BOOL_YES },
  { "correct", VA_ENTITY_BOOL_YES }, { "true", VA_ENTITY_BOOL_YES },
  { "affirmative", VA_ENTITY_BOOL_YES }, { "absolutely", VA_ENTITY_BOOL_YES },
  { "definitely", VA_ENTITY_BOOL_YES }, { "certainly", VA_ENTITY_BOOL_YES },
  { "of course", VA_ENTITY_BOOL_YES }, { "indeed", VA_ENTITY_BOOL_YES },
  { "alright", VA_ENTITY_BOOL_YES }, { "all right", VA_ENTITY_BOOL_YES },
  { "agreed", VA_ENTITY_BOOL_YES }, { "confirm", VA_ENTITY_BOOL_YES },
  { "confirmed", VA_ENTITY_BOOL_YES }, { "thats right", VA_ENTITY_BOOL_YES },
  { "that is right", VA_ENTITY_BOOL_YES }, { "sounds good", VA_ENTITY_BOOL_YES },
  { "please do", VA_ENTITY_BOOL_YES }, { "go ahead", VA_ENTITY_BOOL_YES },
  { "why not", VA_ENTITY_BOOL_YES }, { "no problem", VA_ENTITY_BOOL_YES },
  { "i think so", VA_ENTITY_BOOL_YES }, { "i do", VA_ENTITY_BOOL_YES },
  { "\xf0\x9f\x91\x8d", VA_ENTITY_BOOL_YES }, /* 👍 */
  { "y", VA_ENTITY_BOOL_YES * VA_ENTITY_BOOL_ALONE },
  { "right", VA_ENTITY_BOOL_YES * VA_ENTITY_BOOL_ALONE },
  { "fine", VA_ENTITY_BOOL_YES * VA_ENTITY_BOOL_ALONE },
  { "k", VA_ENTITY_BOOL_YES * VA_ENTITY_BOOL_ALONE },
  { "no", VA_ENTITY_BOOL_NO }, { "nope", VA_ENTITY_BOOL_NO }, { "nah", VA_ENTITY_BOOL_NO },
  { "naw", VA_ENTITY_BOOL_NO }, { "false", VA_ENTITY_BOOL_NO }, { "negative", VA_ENTITY_BOOL_NO },
  { "never", VA_ENTITY_BOOL_NO }, { "no way", VA_ENTITY_BOOL_NO },
  { "no thanks", VA_ENTITY_BOOL_NO }, { "no thank you", VA_ENTITY_BOOL_NO },
  { "not really", VA_ENTITY_BOOL_NO }, { "not at all", VA_ENTITY_BOOL_NO },
  { "dont", VA_ENTITY_BOOL_NO }, { "do not", VA_ENTITY_BOOL_NO },
  { "incorrect", VA_ENTITY_BOOL_NO }, { "wrong", VA_ENTITY_BOOL_NO },
  { "dont think so", VA_ENTITY_BOOL_NO }, { "i dont think so", VA_ENTITY_BOOL_NO },
  { "of course not", VA_ENTITY_BOOL_NO }, { "absolutely not", VA_ENTITY_BOOL_NO },
  { "definitely not", VA_ENTITY_BOOL_NO }, { "certainly not", VA_ENTITY_BOOL_NO },
  { "not right", VA_ENTITY_BOOL_NO }, { "probably not", VA_ENTITY_BOOL_NO },
  { "it isnt", VA_ENTITY_BOOL_NO }, { "it is not", VA_ENTITY_BOOL_NO },
  { "i do not", VA_ENTITY_BOOL_NO }, { "i do not think so", VA_ENTITY_BOOL_NO },
  { "\xf0\x9f\x91\x8e", VA_ENTITY_BOOL_NO }, /* 👎 */
  { "i do not know", VA_ENTITY_BOOL_UNDECIDED },
  { "n", VA_ENTITY_BOOL_NO * VA_ENTITY_BOOL_ALONE },
  { "maybe", VA_ENTITY_BOOL_UNDECIDED }, { "perhaps", VA_ENTITY_BOOL_UNDECIDED },
  { "possibly", VA_ENTITY_BOOL_UNDECIDED }, { "not sure", VA_ENTITY_BOOL_UNDECIDED },
  { "unsure", VA_ENTITY_BOOL_UNDECIDED }, { "dont know", VA_ENTITY_BOOL_UNDECIDED },
  { "do not know", VA_ENTITY_BOOL_UNDECIDED }, { "no idea", VA_ENTITY_BOOL_UNDECIDED },
  { "idk", VA_ENTITY_BOOL_UNDECIDED }, { "might", VA_ENTITY_BOOL_UNDECIDED },
  { NULL, 0 }
};
static const char * const en_negations[] = { "not", NULL };

static const VaEntityPhrase en_currency_before[] = {
  { "$", 1 }, { "us $", 1 }, { "\xe2\x82\xac", 1 }, { "\xc2\xa3", 1 }, { "\xc2\xa5", 1 },
  { "\xe2\x82\xb9", 1 }, { "usd", 1 }, { "eur", 1 }, { "gbp", 1 }, { "jpy", 1 }, { "cad", 1 },
  { "aud", 1 }, { "chf", 1 }, { NULL, 0 }
};
static const VaEntityPhrase en_currency_after[] = {
  { "$", 1 }, { "\xe2\x82\xac", 1 }, { "\xc2\xa3", 1 }, { "dollar", 1 }, { "dollars", 1 },
  { "buck", 1 }, { "bucks", 1 }, { "euro", 1 }, { "euros", 1 }, { "pound", 1 }, { "pounds", 1 },
  { "yen", 1 }, { "usd", 1 }, { "eur", 1 }, { "gbp", 1 }, { "jpy", 1 }, { "cad", 1 },
  { "aud", 1 }, { "chf", 1 }, { "cent", 100 }, { "cents", 100 }, { "pence", 100 }, { NULL, 0 }
};
static const VaEntityPhrase en_conjunction_amount[] = { { "and", 1 }, { NULL, 0 } };
static const VaEntityPhrase en_percent_after[] = {
  { "%", 1 }, { "percent", 1 }, { "per cent", 1 }, { "pct", 1 }, { "percentage", 1 },
  { NULL, 0 }
};
static const VaEntityPhrase en_age_before[] = {
  { "age", 12 }, { "aged", 12 }, { "age is", 12 }, { "i am", 12 }, { "im", 12 }, { "i m", 12 },
  { "turned", 12 }, { "turning", 12 }, { "turn", 12 }, { NULL, 0 }
};
static const VaEntityPhrase en_age_after[] = {
  { "years old", 12 }, { "year old", 12 }, { "yrs old", 12 }, { "yr old", 12 },
  { "years", 12 }, { "year", 12 }, { "yrs", 12 }, { "yo", 12 }, { "y o", 12 }, { "y / o", 12 },
  { "months old", 1 }, { "month old", 1 }, { "months", 1 }, { NULL, 0 }
};

static const VaEntityPhrase en_relative_days[] = {
  { "today", 0 }, { "tonight", 0 }, { "now", 0 }, { "tomorrow", 1 }, { "tmrw", 1 },
  { "tmr", 1 }, { "yesterday", -1 }, { "day after tomorrow", 2 },
  { "day before yesterday", -2 }, { NULL, 0 }
};
static const VaEntityPhrase en_months[] = {
  { "january", 1 }, { "jan", 1 }, { "february", 2 }, { "feb", 2 }, { "march", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 }, { "may", 5 }, { "june", 6 }, { "jun", 6 }, { "july", 7 },
  { "jul", 7 }, { "august", 8 }, { "aug", 8 }, { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "october", 10 }, { "oct", 10 }, { "november", 11 }, { "nov", 11 }, { "december", 12 },
  { "dec", 12 }, { NULL, 0 }
};
static const VaEntityPhrase en_weekdays[] = {
  { "monday", G_DATE_MONDAY }, { "mon", G_DATE_MONDAY }, { "tuesday", G_DATE_TUESDAY },
  { "tue", G_DATE_TUESDAY }, { "tues", G_DATE_TUESDAY }, { "wednesday", G_DATE_WEDNESDAY },
  { "wed", G_DATE_WEDNESDAY }, { "thursday", G_DATE_THURSDAY }, { "thu", G_DATE_THURSDAY },
  { "thur", G_DATE_THURSDAY }, { "thurs", G_DATE_THURSDAY }, { "friday", G_DATE_FRIDAY },
  { "fri", G_DATE_FRIDAY }, { "saturday", G_DATE_SATURDAY }, { "sat", G_DATE_SATURDAY },
  { "sunday", G_DATE_SUNDAY }, { "sun", G_DATE_SUNDAY }, { NULL, 0 }
};
static const VaEntityPhrase en_date_units[] = {
  { "day", 1 }, { "days", 1 }, { "week", 7 }, { "weeks", 7 }, { "fortnight", 14 },
  { "month", -1 }, { "months", -1 }, { "year", -12 }, { "years", -12 }, { NULL, 0 }
};
static const VaEntityPhrase en_date_modifiers[] = {
  { "this", VA_ENTITY_MOD_THIS },
  { "next", VA_ENTITY_MOD_NEXT }, { "following", VA_ENTITY_MOD_NEXT },
  { "last", VA_ENTITY_MOD_LAST }, { "previous", VA_ENTITY_MOD_LAST },
  { "coming", VA_ENTITY_MOD_COMING }, { "this coming", VA_ENTITY_MOD_COMING },
  { NULL, 0 }
};
static const VaEntityPhrase en_offset_before[] = { { "in", 1 }, { NULL, 0 } };
static const VaEntityPhrase en_offset_after[] = {
  { "from now", 1 }, { "from today", 1 }, { "later", 1 }, { "ago", -1 }, { NULL, 0 }
};
static const char * const en_the[] = { "the", NULL };
static const char * const en_on[] = { "on", NULL };
static const char * const en_of[] = { "of", NULL };

static const VaEntityPhrase en_named_times[] = {
  { "noon", 12 * 60 }, { "midday", 12 * 60 }, { "midnight", 0 }, { "now", -1 },
  { "right now", -1 }, { NULL, 0 }
};
static const VaEntityPhrase en_meridiems[] = {
  { "am", 0 }, { "a . m", 0 }, { "a . m .", 0 }, { "pm", 12 }, { "p . m", 12 },
  { "p . m .", 12 }, { NULL, 0 }
};
static const VaEntityPhrase en_periods[] = {
  { "in the morning", 0 }, { "in the afternoon", 12 }, { "in the evening", 12 },
  { "at night", 12 }, { "tonight", 12 }, { "this evening", 12 }, { "this afternoon", 12 },
  { NULL, 0 }
};
static const VaEntityPhrase en_past_to[] = {
  { "half past", 30 }, { "quarter past", 15 }, { "a quarter past", 15 },
  { "quarter after", 15 }, { "quarter to", -15 }, { "a quarter to", -15 },
  { "quarter of", -15 }, { NULL, 0 }
};
static const VaEntityPhrase en_oclock[] = { { "oclock", 1 }, { "o clock", 1 }, { NULL, 0 } };
static const char * const en_time_prepositions[] = {
  "at", "around", "about", "by", "until", "till", "til", "from", NULL
};

static const char * const en_choice_fillers[] = {
  "the", "one", "option", "choice", "number", "num", "nr", "no", "please", "i", "id", "ill",
  "like", "want", "take", "pick", "choose", "select", "would", "go", "with", "lets", "its", "is",
  "that", "answer", "for", "me", "it", "will", NULL
};
static const char * const en_last[] = { "last", "final", NULL };

static const VaEntityWords english = {
  .units = en_units,
  .tens = en_tens,
  .multipliers = en_multipliers,
  .indefinite = en_indefinite,
  .conjunctions = en_conjunctions,
  .pronoun_one = en_pronoun_one,
  .ordinals = en_ordinals,
  .ordinal_suffixes = en_ordinal_suffixes,
  .booleans = en_booleans,
  .negations = en_negations,
  .currency_before = en_currency_before,
  .currency_after = en_currency_after,
  .conjunction_amount = en_conjunction_amount,
  .percent_after = en_percent_after,
  .age_before = en_age_before,
  .age_after = en_age_after,
  .relative_days = en_relative_days,
  .months = en_months,
  .weekdays = en_weekdays,
  .date_units = en_date_units,
  .date_modifiers = en_date_modifiers,
  .offset_before = en_offset_before,
  .offset_after = en_offset_after,
  .the = en_the,
  .on = en_on,
  .of = en_of,
  .named_times = en_named_times,
  .meridiems = en_meridiems,
  .periods = en_periods,
  .past_to = en_past_to,
  .oclock = en_oclock,
  .time_prepositions = en_time_prepositions,
  .choice_fillers = en_choice_fillers,
  .last = en_last,
};

/* Only English for now; the bot's language picks the table once there are more. */
const VaEntityWords *
va_entity_words_for_language (const char *language)
{
  return &english;
}

/* ------------------------------------------------------------------------------------------ */
/* Tokens                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
token_clear (gpointer data)
{
  VaEntityToken *token = data;

  g_free (token->text);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* The first VA_TEXT_MAX_BYTES of @text (cut on a character boundary), as valid UTF-8. */
char *
va_entity_capped_valid (const char *text, gsize max_bytes)
{
  gsize n = strlen (text);

  if (n > max_bytes)
    {
      n = max_bytes;
      while (n > 0 && ((guchar) text[n] & 0xC0) == 0x80)
        n--;
    }
  return g_utf8_make_valid (text, n);
}

static const char *
scan_digits (const char *p, GString *out, guint *count)
{
  int digit;

  while ((digit = g_unichar_digit_value (g_utf8_get_char (p))) >= 0)
    {
      g_string_append_c (out, '0' + digit);
      (*count)++;
      p = g_utf8_next_char (p);
    }
  return p;
}

/* Counts the decimal digits at @p, up to @max + 1. */
static guint
count_digits (const char *p, guint max)
{
  guint n = 0;

  while (n <= max && g_unichar_digit_value (g_utf8_get_char (p)) >= 0)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  return n;
}

static const char *
scan_number (const char *p, VaEntityToken *token)
{
  GString *digits = g_string_new (NULL);
  guint group;

  token->kind = VA_ENTITY_TOKEN_NUMBER;
  p = scan_digits (p, digits, &token->int_digits);

  /* "1,234,567": groups of exactly three digits after a first group of one to three. */
  group = token->int_digits;
  while (group <= 3 && *p == ',' && count_digits (p + 1, 3) == 3)
    {
      guint n = 0;

      p = scan_digits (p + 1, digits, &n);
      token->int_digits += n;
      token->grouped = TRUE;
    }
  if (*p == '.' && count_digits (p + 1, 0) > 0)
    {
      g_string_append_c (digits, '.');
      p = scan_digits (p + 1, digits, &token->frac_digits);
    }

  /* More digits than a double holds are no quantity anyone means. */
  token->value = token->int_digits <= 18 ? g_ascii_strtod (digits->str, NULL) : INFINITY;
  token->text = g_string_free (digits, FALSE);
  return p;
}

static const char *
scan_word (const char *p, VaEntityToken *token)
{
  GString *word = g_string_new (NULL);

  token->kind = VA_ENTITY_TOKEN_WORD;
  for (;;)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        ; /* accents, after NFKD */
      else if (g_unichar_isalpha (c))
        g_string_append_unichar (word, c);
      else if (is_apostrophe (c) && word->len > 0 &&
               g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (p))))
        ; /* "don't" is "dont", "o'clock" is "oclock" */
      else
        break;
      p = g_utf8_next_char (p);
    }
  token->text = g_string_free (word, FALSE);
  return p;
}

GArray *
va_entity_tokenize (const char *text, gboolean keep_symbols)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (VaEntityToken));
  gboolean spaced = TRUE;
  const char *p = decomposed != NULL ? decomposed : "";

  g_array_set_clear_func (tokens, token_clear);
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      VaEntityToken token = { 0 };

      if (g_unichar_isspace (c) || type == G_UNICODE_CONTROL)
        {
          spaced = TRUE;
          p = g_utf8_next_char (p);
          continue;
        }
      if (type == G_UNICODE_FORMAT || is_mark (c))
        {
          /* direction marks, joiners, stray accents */
          p = g_utf8_next_char (p);
          continue;
        }

      if (g_unichar_digit_value (c) >= 0)
        p = scan_number (p, &token);
      else if (g_unichar_isalpha (c))
        p = scan_word (p, &token);
      else
        {
          token.kind = VA_ENTITY_TOKEN_SYMBOL;
          token.symbol = c;
          token.text = g_strndup (p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
          if (!keep_symbols)
            {
              g_free (token.text);
              spaced = TRUE;
              continue;
            }
        }
      token.spaced = spaced;
      spaced = FALSE;
      g_array_append_val (tokens, token);
    }
  return tokens;
}

const VaEntityToken *
va_entity_token_at (VaEntityInput *in, guint i)
{
  return i < in->tokens->len ? &g_array_index (in->tokens, VaEntityToken, i) : NULL;
}

gboolean
va_entity_is_word (const VaEntityToken *token, const char * const *words)
{
  return token != NULL && token->kind == VA_ENTITY_TOKEN_WORD &&
         g_strv_contains (words, token->text);
}

gboolean
va_entity_is_symbol (const VaEntityToken *token, gunichar c)
{
  return token != NULL && token->kind == VA_ENTITY_TOKEN_SYMBOL && token->symbol == c;
}

/* A plain whole number written with digits, like a day or an hour. */
gboolean
va_entity_is_small_integer (const VaEntityToken *token, guint max_digits)
{
  return token != NULL && token->kind == VA_ENTITY_TOKEN_NUMBER && token->frac_digits == 0 &&
         !token->grouped && token->int_digits <= max_digits;
}

/* Matches @phrase at token @i; hyphens between its words are skipped ("30-year-old").
 * Returns the index after the match, or 0. */
static guint
match_phrase (VaEntityInput *in, guint i, const char *phrase)
{
  const char *p = phrase;

  while (*p != '\0')
    {
      const char *space = strchr (p, ' ');
      gsize len = space != NULL ? (gsize) (space - p) : strlen (p);
      const VaEntityToken *token = va_entity_token_at (in, i);

      if (token != NULL && va_entity_is_symbol (token, '-') && !(len == 1 && *p == '-') && i > 0)
        token = va_entity_token_at (in, ++i);
      if (token == NULL || strlen (token->text) != len || strncmp (token->text, p, len) != 0)
        return 0;
      i++;
      p += len;
      if (*p == ' ')
        p++;
    }
  return i;
}

/* The longest phrase of @table at token @i. */
gboolean
va_entity_match_table (VaEntityInput *in, guint i, const VaEntityPhrase *table, int *value,
                       guint *end)
{
  guint best = 0;

  for (const VaEntityPhrase *entry = table; entry->phrase != NULL; entry++)
    {
      guint stop = match_phrase (in, i, entry->phrase);

      if (stop > best)
        {
          best = stop;
          if (value != NULL)
            *value = entry->value;
        }
    }
  if (best == 0)
    return FALSE;
  if (end != NULL)
    *end = best;
  return TRUE;
}

/* Whether a phrase of @table ends right before token @i. */
gboolean
va_entity_match_table_before (VaEntityInput *in, guint i, const VaEntityPhrase *table, int *value)
{
  for (guint start = i > 4 ? i - 4 : 0; start < i; start++)
    {
      for (const VaEntityPhrase *entry = table; entry->phrase != NULL; entry++)
        if (match_phrase (in, start, entry->phrase) == i)
          {
            if (value != NULL)
              *value = entry->value;
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
va_entity_lookup_word (const VaEntityPhrase *table, const VaEntityToken *token, int *value)
{
  if (token == NULL || token->kind != VA_ENTITY_TOKEN_WORD)
    return FALSE;
  for (const VaEntityPhrase *entry = table; entry->phrase != NULL; entry++)
    if (strcmp (entry->phrase, token->text) == 0)
      {
        *value = entry->value;
        return TRUE;
      }
  return FALSE;
}

/* Whether tokens [@first, @end) are all the words and numbers of the message. */
gboolean
va_entity_is_whole_message (VaEntityInput *in, guint first, guint end)
{
  for (guint i = 0; i < in->tokens->len; i++)
    if ((i < first || i >= end) && va_entity_token_at (in, i)->kind != VA_ENTITY_TOKEN_SYMBOL)
      return FALSE;
  return TRUE;
}

void
va_entity_input_init (VaEntityInput *in, const char *text, GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  int year, month, day;

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_clear (&in->today, 1);
  g_date_set_dmy (&in->today, day, month, year);
  in->now_minutes = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);

  in->words = va_entity_words_for_language ("en");
  in->source = va_entity_capped_valid (text, VA_TEXT_MAX_BYTES);
  in->tokens = va_entity_tokenize (in->source, TRUE);
}

void
va_entity_input_clear (VaEntityInput *in)
{
  g_clear_pointer (&in->source, g_free);
  g_clear_pointer (&in->tokens, g_array_unref);
}
