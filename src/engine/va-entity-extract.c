/* va-entity-extract.c — find entity values (prebuilt and custom) in a user's message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message is folded (case folded, NFKD, accents dropped) and cut into tokens: words, numbers
 * (digits of any script, "1,234.5" as one token) and single symbols, each knowing whether white
 * space preceded it. Every extractor of a structured value (numbers, amounts, dates, times,
 * booleans, choices) pattern-matches that token array from left to right, so the leftmost value
 * of a message wins. Email addresses, phone numbers and URLs keep the characters the user typed,
 * so they scan the text itself. All the English words live in one table (section 1); another
 * language is one more table.
 *
 * Work is bounded: only the first VA_TEXT_MAX_BYTES of a message are read (the "text" entity
 * aside, which is the whole message), and a custom regular expression runs on at most
 * REGEX_MAX_BYTES under PCRE2 match and heap limits.
 */
#include "config.h"

#include "va-entity-extract.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "va-entity-item.h"
#include "va-text.h"

/* Custom patterns see at most this much of a message: with the match limit below, a pattern that
 * backtracks catastrophically gives up in about a millisecond. */
#define REGEX_MAX_BYTES 2048
#define REGEX_LIMITS    "(*LIMIT_MATCH=200000)(*LIMIT_HEAP=8192)"

/* ------------------------------------------------------------------------------------------ */
/* 1. Words                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* A word or a phrase (words separated by single spaces, as they appear once folded: lower case,
 * no accents, no apostrophes) with what it means. Tables end with { NULL, 0 }. */
typedef struct
{
  const char *phrase;
  int         value;
} Phrase;

enum
{
  MOD_THIS,     /* "this friday": the next one, today included */
  MOD_NEXT,     /* "next friday": the friday of next week (weeks start on Monday) */
  MOD_LAST,     /* "last friday": the last one before today */
  MOD_COMING,   /* "the coming friday": the next one after today */
};

/* Booleans: +1 yes, -1 no, 0 undecided; ±2 counts only as the whole message ("y", "n"). */
enum
{
  BOOL_UNDECIDED = 0,
  BOOL_YES = 1,
  BOOL_NO = -1,
  BOOL_ALONE = 2,
};

typedef struct
{
  /* Numbers */
  const Phrase       *units;           /* 0-19 */
  const Phrase       *tens;            /* 20, 30 ... 90 */
  const Phrase       *multipliers;     /* hundred, thousand ... */
  const char * const *indefinite;      /* "a hundred" */
  const char * const *conjunctions;    /* "a hundred and two" */
  const char * const *pronoun_one;     /* "the one", "this one": "one" is no number there */
  const Phrase       *ordinals;        /* first ... ninetieth */
  const char * const *ordinal_suffixes;/* 1st, 2nd */

  /* Booleans */
  const Phrase       *booleans;
  const char * const *negations;

  /* Amounts: currencies before or after the number (value: how many units make one, 100 for
   * cents), percent signs, ages (value: months in the unit). */
  const Phrase       *currency_before;
  const Phrase       *currency_after;
  const Phrase       *conjunction_amount;
  const Phrase       *percent_after;
  const Phrase       *age_before;
  const Phrase       *age_after;

  /* Dates */
  const Phrase       *relative_days;   /* value: days from today */
  const Phrase       *months;
  const Phrase       *weekdays;        /* GDateWeekday */
  const Phrase       *date_units;      /* value > 0: days; < 0: -months */
  const Phrase       *date_modifiers;  /* MOD_* */
  const Phrase       *offset_before;   /* "in 3 days" */
  const Phrase       *offset_after;    /* "3 days from now" +1, "3 days ago" -1 */
  const char * const *the;             /* "the 3rd of March" */
  const char * const *on;              /* "on the 25th" */
  const char * const *of;              /* "the 3rd of March" */

  /* Times */
  const Phrase       *named_times;     /* minutes after midnight; -1 = now */
  const Phrase       *meridiems;       /* hours to add: am 0, pm 12 */
  const Phrase       *periods;         /* "in the evening": 12 */
  const Phrase       *past_to;         /* "half past": 30; "quarter to": -15 */
  const Phrase       *oclock;
  const char * const *time_prepositions;

  /* Choices */
  const char * const *choice_fillers;  /* words dropped around a number: "option 2 please" */
  const char * const *last;            /* "the last one" */
} Words;

static const Phrase en_units[] = {
  { "zero", 0 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
  { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
  { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 },
  { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 }, { NULL, 0 }
};
static const Phrase en_tens[] = {
  { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fourty", 40 }, { "fifty", 50 },
  { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 }, { NULL, 0 }
};
static const Phrase en_multipliers[] = {
  { "dozen", 12 }, { "hundred", 100 }, { "thousand", 1000 }, { "million", 1000000 },
  { "billion", 1000000000 }, { NULL, 0 }
};
static const char * const en_indefinite[] = { "a", "an", NULL };
static const char * const en_conjunctions[] = { "and", NULL };
static const char * const en_pronoun_one[] = {
  "the", "this", "that", "which", "any", "no", "every", "each", "another", "other", "some",
  NULL
};
static const Phrase en_ordinals[] = {
  { "first", 1 }, { "second", 2 }, { "third", 3 }, { "fourth", 4 }, { "fifth", 5 },
  { "sixth", 6 }, { "seventh", 7 }, { "eighth", 8 }, { "ninth", 9 }, { "tenth", 10 },
  { "eleventh", 11 }, { "twelfth", 12 }, { "thirteenth", 13 }, { "fourteenth", 14 },
  { "fifteenth", 15 }, { "sixteenth", 16 }, { "seventeenth", 17 }, { "eighteenth", 18 },
  { "nineteenth", 19 }, { "twentieth", 20 }, { "thirtieth", 30 }, { "fortieth", 40 },
  { "fiftieth", 50 }, { "sixtieth", 60 }, { "seventieth", 70 }, { "eightieth", 80 },
  { "ninetieth", 90 }, { NULL, 0 }
};
static const char * const en_ordinal_suffixes[] = { "st", "nd", "rd", "th", NULL };

static const Phrase en_booleans[] = {
  { "yes", BOOL_YES }, { "yeah", BOOL_YES }, { "yea", BOOL_YES }, { "yep", BOOL_YES },
  { "yup", BOOL_YES }, { "yas", BOOL_YES }, { "sure", BOOL_YES }, { "ok", BOOL_YES },
  { "okay", BOOL_YES }, { "okey", BOOL_YES }, { "o k", BOOL_YES }, { "o . k", BOOL_YES },
  { "correct", BOOL_YES }, { "true", BOOL_YES }, { "affirmative", BOOL_YES },
  { "absolutely", BOOL_YES }, { "definitely", BOOL_YES }, { "certainly", BOOL_YES },
  { "of course", BOOL_YES }, { "indeed", BOOL_YES }, { "alright", BOOL_YES },
  { "all right", BOOL_YES }, { "agreed", BOOL_YES }, { "confirm", BOOL_YES },
  { "confirmed", BOOL_YES }, { "thats right", BOOL_YES }, { "that is right", BOOL_YES },
  { "sounds good", BOOL_YES }, { "please do", BOOL_YES }, { "go ahead", BOOL_YES },
  { "why not", BOOL_YES }, { "no problem", BOOL_YES }, { "i think so", BOOL_YES },
  { "i do", BOOL_YES }, { "\xf0\x9f\x91\x8d", BOOL_YES }, /* 👍 */
  { "y", BOOL_YES * BOOL_ALONE }, { "right", BOOL_YES * BOOL_ALONE },
  { "fine", BOOL_YES * BOOL_ALONE }, { "k", BOOL_YES * BOOL_ALONE },
  { "no", BOOL_NO }, { "nope", BOOL_NO }, { "nah", BOOL_NO }, { "naw", BOOL_NO },
  { "false", BOOL_NO }, { "negative", BOOL_NO }, { "never", BOOL_NO }, { "no way", BOOL_NO },
  { "no thanks", BOOL_NO }, { "no thank you", BOOL_NO }, { "not really", BOOL_NO },
  { "not at all", BOOL_NO }, { "dont", BOOL_NO }, { "do not", BOOL_NO }, { "incorrect", BOOL_NO },
  { "wrong", BOOL_NO }, { "dont think so", BOOL_NO }, { "i dont think so", BOOL_NO },
  { "of course not", BOOL_NO }, { "absolutely not", BOOL_NO }, { "definitely not", BOOL_NO },
  { "certainly not", BOOL_NO }, { "not right", BOOL_NO }, { "probably not", BOOL_NO },
  { "it isnt", BOOL_NO }, { "it is not", BOOL_NO }, { "i do not", BOOL_NO },
  { "i do not think so", BOOL_NO }, { "\xf0\x9f\x91\x8e", BOOL_NO }, /* 👎 */
  { "i do not know", BOOL_UNDECIDED },
  { "n", BOOL_NO * BOOL_ALONE },
  { "maybe", BOOL_UNDECIDED }, { "perhaps", BOOL_UNDECIDED }, { "possibly", BOOL_UNDECIDED },
  { "not sure", BOOL_UNDECIDED }, { "unsure", BOOL_UNDECIDED }, { "dont know", BOOL_UNDECIDED },
  { "do not know", BOOL_UNDECIDED }, { "no idea", BOOL_UNDECIDED }, { "idk", BOOL_UNDECIDED },
  { "might", BOOL_UNDECIDED }, { NULL, 0 }
};
static const char * const en_negations[] = { "not", NULL };

static const Phrase en_currency_before[] = {
  { "$", 1 }, { "us $", 1 }, { "\xe2\x82\xac", 1 }, { "\xc2\xa3", 1 }, { "\xc2\xa5", 1 },
  { "\xe2\x82\xb9", 1 }, { "usd", 1 }, { "eur", 1 }, { "gbp", 1 }, { "jpy", 1 }, { "cad", 1 },
  { "aud", 1 }, { "chf", 1 }, { NULL, 0 }
};
static const Phrase en_currency_after[] = {
  { "$", 1 }, { "\xe2\x82\xac", 1 }, { "\xc2\xa3", 1 }, { "dollar", 1 }, { "dollars", 1 },
  { "buck", 1 }, { "bucks", 1 }, { "euro", 1 }, { "euros", 1 }, { "pound", 1 }, { "pounds", 1 },
  { "yen", 1 }, { "usd", 1 }, { "eur", 1 }, { "gbp", 1 }, { "jpy", 1 }, { "cad", 1 },
  { "aud", 1 }, { "chf", 1 }, { "cent", 100 }, { "cents", 100 }, { "pence", 100 }, { NULL, 0 }
};
static const Phrase en_conjunction_amount[] = { { "and", 1 }, { NULL, 0 } };
static const Phrase en_percent_after[] = {
  { "%", 1 }, { "percent", 1 }, { "per cent", 1 }, { "pct", 1 }, { "percentage", 1 },
  { NULL, 0 }
};
static const Phrase en_age_before[] = {
  { "age", 12 }, { "aged", 12 }, { "age is", 12 }, { "i am", 12 }, { "im", 12 }, { "i m", 12 },
  { "turned", 12 }, { "turning", 12 }, { "turn", 12 }, { NULL, 0 }
};
static const Phrase en_age_after[] = {
  { "years old", 12 }, { "year old", 12 }, { "yrs old", 12 }, { "yr old", 12 },
  { "years", 12 }, { "year", 12 }, { "yrs", 12 }, { "yo", 12 }, { "y o", 12 }, { "y / o", 12 },
  { "months old", 1 }, { "month old", 1 }, { "months", 1 }, { NULL, 0 }
};

static const Phrase en_relative_days[] = {
  { "today", 0 }, { "tonight", 0 }, { "now", 0 }, { "tomorrow", 1 }, { "tmrw", 1 },
  { "tmr", 1 }, { "yesterday", -1 }, { "day after tomorrow", 2 },
  { "day before yesterday", -2 }, { NULL, 0 }
};
static const Phrase en_months[] = {
  { "january", 1 }, { "jan", 1 }, { "february", 2 }, { "feb", 2 }, { "march", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 }, { "may", 5 }, { "june", 6 }, { "jun", 6 }, { "july", 7 },
  { "jul", 7 }, { "august", 8 }, { "aug", 8 }, { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "october", 10 }, { "oct", 10 }, { "november", 11 }, { "nov", 11 }, { "december", 12 },
  { "dec", 12 }, { NULL, 0 }
};
static const Phrase en_weekdays[] = {
  { "monday", G_DATE_MONDAY }, { "mon", G_DATE_MONDAY }, { "tuesday", G_DATE_TUESDAY },
  { "tue", G_DATE_TUESDAY }, { "tues", G_DATE_TUESDAY }, { "wednesday", G_DATE_WEDNESDAY },
  { "wed", G_DATE_WEDNESDAY }, { "thursday", G_DATE_THURSDAY }, { "thu", G_DATE_THURSDAY },
  { "thur", G_DATE_THURSDAY }, { "thurs", G_DATE_THURSDAY }, { "friday", G_DATE_FRIDAY },
  { "fri", G_DATE_FRIDAY }, { "saturday", G_DATE_SATURDAY }, { "sat", G_DATE_SATURDAY },
  { "sunday", G_DATE_SUNDAY }, { "sun", G_DATE_SUNDAY }, { NULL, 0 }
};
static const Phrase en_date_units[] = {
  { "day", 1 }, { "days", 1 }, { "week", 7 }, { "weeks", 7 }, { "fortnight", 14 },
  { "month", -1 }, { "months", -1 }, { "year", -12 }, { "years", -12 }, { NULL, 0 }
};
static const Phrase en_date_modifiers[] = {
  { "this", MOD_THIS }, { "next", MOD_NEXT }, { "following", MOD_NEXT }, { "last", MOD_LAST },
  { "previous", MOD_LAST }, { "coming", MOD_COMING }, { "this coming", MOD_COMING },
  { NULL, 0 }
};
static const Phrase en_offset_before[] = { { "in", 1 }, { NULL, 0 } };
static const Phrase en_offset_after[] = {
  { "from now", 1 }, { "from today", 1 }, { "later", 1 }, { "ago", -1 }, { NULL, 0 }
};
static const char * const en_the[] = { "the", NULL };
static const char * const en_on[] = { "on", NULL };
static const char * const en_of[] = { "of", NULL };

static const Phrase en_named_times[] = {
  { "noon", 12 * 60 }, { "midday", 12 * 60 }, { "midnight", 0 }, { "now", -1 },
  { "right now", -1 }, { NULL, 0 }
};
static const Phrase en_meridiems[] = {
  { "am", 0 }, { "a . m", 0 }, { "a . m .", 0 }, { "pm", 12 }, { "p . m", 12 },
  { "p . m .", 12 }, { NULL, 0 }
};
static const Phrase en_periods[] = {
  { "in the morning", 0 }, { "in the afternoon", 12 }, { "in the evening", 12 },
  { "at night", 12 }, { "tonight", 12 }, { "this evening", 12 }, { "this afternoon", 12 },
  { NULL, 0 }
};
static const Phrase en_past_to[] = {
  { "half past", 30 }, { "quarter past", 15 }, { "a quarter past", 15 },
  { "quarter after", 15 }, { "quarter to", -15 }, { "a quarter to", -15 },
  { "quarter of", -15 }, { NULL, 0 }
};
static const Phrase en_oclock[] = { { "oclock", 1 }, { "o clock", 1 }, { NULL, 0 } };
static const char * const en_time_prepositions[] = {
  "at", "around", "about", "by", "until", "till", "til", "from", NULL
};

static const char * const en_choice_fillers[] = {
  "the", "one", "option", "choice", "number", "num", "nr", "no", "please", "i", "id", "ill",
  "like", "want", "take", "pick", "choose", "select", "would", "go", "with", "lets", "its", "is",
  "that", "answer", "for", "me", "it", "will", NULL
};
static const char * const en_last[] = { "last", "final", NULL };

static const Words english = {
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
static const Words *
words_for_language (const char *language)
{
  return &english;
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Tokens                                                                                   */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_SYMBOL,
} TokenKind;

typedef struct
{
  TokenKind kind;
  gboolean  spaced;      /* white space (or the start of the text) precedes it */
  char     *text;        /* word: folded; number: ASCII "1234.5"; symbol: the character */
  gunichar  symbol;
  double    value;       /* number */
  guint     int_digits;  /* number: digits before the point */
  guint     frac_digits; /* number: digits after the point */
  gboolean  grouped;     /* number: written with thousands separators */
} Token;

typedef struct
{
  const Words *words;
  char        *source;   /* the message: valid UTF-8, at most VA_TEXT_MAX_BYTES */
  GArray      *tokens;   /* Token */
  GDate        today;
  int          now_minutes;
} Input;

static void
token_clear (gpointer data)
{
  Token *token = data;

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
static char *
capped_valid (const char *text, gsize max_bytes)
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
scan_number (const char *p, Token *token)
{
  GString *digits = g_string_new (NULL);
  guint group;

  token->kind = TOKEN_NUMBER;
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
scan_word (const char *p, Token *token)
{
  GString *word = g_string_new (NULL);

  token->kind = TOKEN_WORD;
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

static GArray *
tokenize (const char *text, gboolean keep_symbols)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  gboolean spaced = TRUE;
  const char *p = decomposed != NULL ? decomposed : "";

  g_array_set_clear_func (tokens, token_clear);
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      Token token = { 0 };

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
          token.kind = TOKEN_SYMBOL;
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

static const Token *
token_at (Input *in, guint i)
{
  return i < in->tokens->len ? &g_array_index (in->tokens, Token, i) : NULL;
}

static gboolean
is_word (const Token *token, const char * const *words)
{
  return token != NULL && token->kind == TOKEN_WORD && g_strv_contains (words, token->text);
}

static gboolean
is_symbol (const Token *token, gunichar c)
{
  return token != NULL && token->kind == TOKEN_SYMBOL && token->symbol == c;
}

/* A plain whole number written with digits, like a day or an hour. */
static gboolean
is_small_integer (const Token *token, guint max_digits)
{
  return token != NULL && token->kind == TOKEN_NUMBER && token->frac_digits == 0 &&
         !token->grouped && token->int_digits <= max_digits;
}

/* Matches @phrase at token @i; hyphens between its words are skipped ("30-year-old").
 * Returns the index after the match, or 0. */
static guint
match_phrase (Input *in, guint i, const char *phrase)
{
  const char *p = phrase;

  while (*p != '\0')
    {
      const char *space = strchr (p, ' ');
      gsize len = space != NULL ? (gsize) (space - p) : strlen (p);
      const Token *token = token_at (in, i);

      if (token != NULL && is_symbol (token, '-') && !(len == 1 && *p == '-') && i > 0)
        token = token_at (in, ++i);
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
static gboolean
match_table (Input *in, guint i, const Phrase *table, int *value, guint *end)
{
  guint best = 0;

  for (const Phrase *entry = table; entry->phrase != NULL; entry++)
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
static gboolean
match_table_before (Input *in, guint i, const Phrase *table, int *value)
{
  for (guint start = i > 4 ? i - 4 : 0; start < i; start++)
    {
      for (const Phrase *entry = table; entry->phrase != NULL; entry++)
        if (match_phrase (in, start, entry->phrase) == i)
          {
            if (value != NULL)
              *value = entry->value;
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
lookup_word (const Phrase *table, const Token *token, int *value)
{
  if (token == NULL || token->kind != TOKEN_WORD)
    return FALSE;
  for (const Phrase *entry = table; entry->phrase != NULL; entry++)
    if (strcmp (entry->phrase, token->text) == 0)
      {
        *value = entry->value;
        return TRUE;
      }
  return FALSE;
}

/* Whether tokens [@first, @end) are all the words and numbers of the message. */
static gboolean
is_whole_message (Input *in, guint first, guint end)
{
  for (guint i = 0; i < in->tokens->len; i++)
    if ((i < first || i >= end) && token_at (in, i)->kind != TOKEN_SYMBOL)
      return FALSE;
  return TRUE;
}

static void
input_init (Input *in, const char *text, GDateTime *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  int year, month, day;

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_clear (&in->today, 1);
  g_date_set_dmy (&in->today, day, month, year);
  in->now_minutes = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);

  in->words = words_for_language ("en");
  in->source = capped_valid (text, VA_TEXT_MAX_BYTES);
  in->tokens = tokenize (in->source, TRUE);
}

static void
input_clear (Input *in)
{
  g_clear_pointer (&in->source, g_free);
  g_clear_pointer (&in->tokens, g_array_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Numbers                                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  guint    first; /* first token */
  guint    end;   /* token after the last */
  double   value;
  gboolean words; /* spelt out */
} NumberSpan;

enum { PART_NONE, PART_UNIT, PART_TEEN, PART_TENS, PART_HUNDRED, PART_SCALE };

/* Shortest C-locale form that reads back as @value: "42", "-3.5", "1234.5". */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    return g_strdup ("0"); /* also -0 */
  if (fabs (value) < 1e15 && value == floor (value))
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.0f", value));
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* "twenty five", "a hundred and two", "two thousand twenty-six", "a dozen". */
static gboolean
number_words_at (Input *in, guint i, NumberSpan *span)
{
  const Words *w = in->words;
  double total = 0, current = 0, last_scale = INFINITY;
  int part = PART_NONE;
  guint j = i, end = i;

  if (is_word (token_at (in, i), w->indefinite))
    {
      int scale;

      if (!lookup_word (w->multipliers, token_at (in, i + 1), &scale))
        return FALSE;
      current = 1;
      part = PART_UNIT;
      j++;
    }

  for (const Token *t; (t = token_at (in, j)) != NULL; )
    {
      int v;

      if (part != PART_NONE && is_symbol (t, '-') && !t->spaced)
        {
          j++; /* "twenty-five" */
          continue;
        }
      if (lookup_word (w->units, t, &v))
        {
          if (part == PART_UNIT || part == PART_TEEN || (part == PART_TENS && (v >= 10 || v == 0)))
            break;
          current += v;
          part = v >= 10 ? PART_TEEN : PART_UNIT;
        }
      else if (lookup_word (w->tens, t, &v))
        {
          if (part == PART_UNIT || part == PART_TEEN || part == PART_TENS)
            break;
          current += v;
          part = PART_TENS;
        }
      else if (lookup_word (w->multipliers, t, &v) && v < 1000)
        {
          if (part == PART_HUNDRED || fmod (current, 1000) >= v)
            break;
          current = (current == 0 ? 1 : current) * v;
          part = PART_HUNDRED;
        }
      else if (lookup_word (w->multipliers, t, &v))
        {
          if (part == PART_NONE || v >= last_scale)
            break;
          total += current * v;
          current = 0;
          last_scale = v;
          part = PART_SCALE;
        }
      else if (is_word (t, w->conjunctions) && (part == PART_HUNDRED || part == PART_SCALE) &&
               (lookup_word (w->units, token_at (in, j + 1), &v) ||
                lookup_word (w->tens, token_at (in, j + 1), &v)))
        {
          j++; /* "a hundred and two" */
          continue;
        }
      else
        break;
      j++;
      end = j;
    }

  if (end == i || part == PART_NONE)
    return FALSE;
  /* "the one", "this one": a pronoun, not a quantity */
  if (end == i + 1 && i > 0 && strcmp (token_at (in, i)->text, "one") == 0 &&
      is_word (token_at (in, i - 1), w->pronoun_one))
    return FALSE;

  span->first = i;
  span->end = end;
  span->value = total + current;
  span->words = TRUE;
  return TRUE;
}

/* "42", "-3.5", "1,234.5", "2 million". */
static gboolean
number_digits_at (Input *in, guint i, NumberSpan *span)
{
  const Token *t = token_at (in, i);
  const Token *next = token_at (in, i + 1);
  double sign = 1;
  int scale;

  if (t != NULL && t->kind == TOKEN_SYMBOL && (t->symbol == '-' || t->symbol == 0x2212) &&
      next != NULL && next->kind == TOKEN_NUMBER && !next->spaced &&
      (i == 0 || t->spaced || token_at (in, i - 1)->kind == TOKEN_SYMBOL))
    {
      sign = -1; /* a minus sign, not the dash of "2026-12-01" */
      span->first = i++;
      t = next;
    }
  else
    span->first = i;

  if (t == NULL || t->kind != TOKEN_NUMBER || !isfinite (t->value))
    return FALSE;
  span->value = sign * t->value;
  span->end = i + 1;
  span->words = FALSE;

  if (lookup_word (in->words->multipliers, token_at (in, i + 1), &scale) && scale >= 100)
    {
      span->value *= scale;
      span->end++;
    }
  return TRUE;
}

static gboolean
number_at (Input *in, guint i, NumberSpan *span)
{
  return number_digits_at (in, i, span) || number_words_at (in, i, span);
}

/* The first number at or after token @from. */
static gboolean
find_number (Input *in, guint from, NumberSpan *span)
{
  for (guint i = from; i < in->tokens->len; i++)
    if (number_at (in, i, span))
      return TRUE;
  return FALSE;
}

static gboolean
is_integral (double value)
{
  return isfinite (value) && value == floor (value);
}

/* "3rd", "third", "twenty-fifth". */
static gboolean
ordinal_at (Input *in, guint i, int *value, guint *end)
{
  const Words *w = in->words;
  const Token *t = token_at (in, i);
  const Token *next = token_at (in, i + 1);
  int tens, unit;

  if (is_small_integer (t, 3) && next != NULL && !next->spaced &&
      is_word (next, w->ordinal_suffixes) && t->value >= 1)
    {
      *value = (int) t->value;
      *end = i + 2;
      return TRUE;
    }
  if (lookup_word (w->tens, t, &tens))
    {
      guint j = is_symbol (next, '-') ? i + 2 : i + 1;

      if (lookup_word (w->ordinals, token_at (in, j), &unit) && unit < 10)
        {
          *value = tens + unit;
          *end = j + 1;
          return TRUE;
        }
    }
  if (lookup_word (w->ordinals, t, value))
    {
      *end = i + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
extract_number (Input *in, gboolean integer, char **value)
{
  NumberSpan span;

  if (!find_number (in, 0, &span))
    return FALSE;
  if (integer && !is_integral (span.value))
    return FALSE;
  *value = format_number (span.value);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* 4. Money, percentages, ages                                                                 */
/* ------------------------------------------------------------------------------------------ */

/* Checks a number found with the marker's value (0: no marker) and converts it in place. */
typedef gboolean (*AdjustFunc) (Input *in, NumberSpan *span, int marker, guint marker_end);

/* The first number with a marker of @before or @after around it ("$12", "15 %"), else the
 * first number that @adjust accepts without one. */
static gboolean
find_marked_number (Input *in, const Phrase *before, const Phrase *after, AdjustFunc adjust,
                    double *value)
{
  NumberSpan span;
  int marker;
  guint marker_end;

  for (guint i = 0; find_number (in, i, &span); i = span.end)
    {
      if (before != NULL && match_table_before (in, span.first, before, &marker) &&
          adjust (in, &span, marker, span.end))
        {
          *value = span.value;
          return TRUE;
        }
      if (after != NULL && match_table (in, span.end, after, &marker, &marker_end) &&
          adjust (in, &span, marker, marker_end))
        {
          *value = span.value;
          return TRUE;
        }
    }
  for (guint i = 0; find_number (in, i, &span); i = span.end)
    if (adjust (in, &span, 0, span.end))
      {
        *value = span.value;
        return TRUE;
      }
  return FALSE;
}

/* marker: how many make one unit (100 for cents); "12 dollars and 50 cents" adds the cents. */
static gboolean
adjust_money (Input *in, NumberSpan *span, int marker, guint marker_end)
{
  NumberSpan cents;
  guint j = marker_end;
  int divisor = 0;

  if (marker > 1)
    span->value /= marker;
  if (marker == 1)
    {
      if (is_symbol (token_at (in, j), ','))
        j++;
      match_table (in, j, in->words->conjunction_amount, NULL, &j);
      if (number_at (in, j, &cents) &&
          match_table (in, cents.end, in->words->currency_after, &divisor, NULL) && divisor > 1)
        span->value += cents.value / divisor;
    }
  return isfinite (span->value);
}

static gboolean
adjust_percentage (Input *in, NumberSpan *span, int marker, guint marker_end)
{
  return isfinite (span->value);
}

/* marker: months in the unit; 0 for a bare number, which must look like an age. */
static gboolean
adjust_age (Input *in, NumberSpan *span, int marker, guint marker_end)
{
  if (marker > 0 && marker != 12)
    span->value = round (span->value * marker / 12.0 * 100) / 100;
  return span->value >= 0 && span->value <= 150;
}

static gboolean
extract_amount (Input *in, const char *name, char **value)
{
  const Words *w = in->words;
  double amount;
  gboolean found;

  if (g_str_equal (name, "money"))
    found = find_marked_number (in, w->currency_before, w->currency_after, adjust_money, &amount);
  else if (g_str_equal (name, "percentage"))
    found = find_marked_number (in, NULL, w->percent_after, adjust_percentage, &amount);
  else
    found = find_marked_number (in, w->age_before, w->age_after, adjust_age, &amount);
  if (found)
    *value = format_number (amount);
  return found;
}

/* ------------------------------------------------------------------------------------------ */
/* 5. Booleans                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static gboolean
extract_boolean (Input *in, char **value)
{
  const Words *w = in->words;
  gboolean yes = FALSE, no = FALSE;

  for (guint i = 0; i < in->tokens->len; )
    {
      gboolean negated = FALSE;
      guint start = i, end;
      int polarity;

      if (is_word (token_at (in, i), w->negations) &&
          !match_table (in, i, w->booleans, NULL, NULL) &&
          match_table (in, i + 1, w->booleans, NULL, NULL))
        {
          negated = TRUE; /* "not correct" */
          start = ++i;
        }
      if (!match_table (in, i, w->booleans, &polarity, &end))
        {
          i++;
          continue;
        }
      i = end;
      if (ABS (polarity) == BOOL_ALONE && !is_whole_message (in, start, end))
        continue;
      if (polarity == BOOL_UNDECIDED)
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
/* 6. Email addresses, phone numbers, URLs                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_email_local_char (gunichar c)
{
  return g_unichar_isalnum (c) || (c < 0x80 && strchr ("._%+-'", (int) c) != NULL);
}

static gboolean
is_domain_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || c == '.';
}

static gboolean
is_valid_domain (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);
  const char *tld;

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
    }
  tld = labels[n - 1];
  if (g_utf8_strlen (tld, -1) < 2)
    return FALSE;
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
extract_email (Input *in, char **value)
{
  const char *text = in->source;

  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at, *stop = at + 1;
      g_autofree char *local = NULL;
      g_autofree char *domain = NULL;
      g_autofree char *lower = NULL;

      while (start > text && at - start <= 64)
        {
          const char *prev = g_utf8_find_prev_char (text, start);

          if (prev == NULL || !is_email_local_char (g_utf8_get_char (prev)))
            break;
          start = prev;
        }
      while (*start == '.' || *start == '\'')
        start++;
      while (*stop != '\0' && stop - at <= 254 && is_domain_char (g_utf8_get_char (stop)))
        stop = g_utf8_next_char (stop);
      while (stop > at + 1 && (stop[-1] == '.' || stop[-1] == '-'))
        stop--;

      if (start >= at || at - start > 64 || stop - (at + 1) > 253 || at[-1] == '.')
        continue;
      local = g_strndup (start, at - start);
      domain = g_strndup (at + 1, stop - (at + 1));
      if (strstr (local, "..") != NULL || !is_valid_domain (domain))
        continue;
      lower = g_utf8_strdown (domain, -1);
      *value = g_strconcat (local, "@", lower, NULL);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_phone_char (char c)
{
  return g_ascii_isdigit (c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
         c == '/';
}

/* The digits of the phone number running from @p; @end is after its last digit. */
static char *
phone_digits (const char *p, const char **end)
{
  GString *digits = g_string_new (NULL);
  gboolean plus = FALSE;

  *end = p + 1;
  if (*p == '+')
    {
      plus = TRUE;
      p++;
      while (*p == ' ')
        p++;
    }
  for (; is_phone_char (*p); p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          *end = p + 1;
        }
    }
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2); /* the international prefix */
      plus = TRUE;
    }
  if (plus)
    g_string_prepend_c (digits, '+');
  return g_string_free (digits, FALSE);
}

static gboolean
extract_phone (Input *in, char **value)
{
  const char *text = in->source;

  for (const char *p = text; *p != '\0'; )
    {
      g_autofree char *digits = NULL;
      const char *end;
      gboolean is_date;
      gsize n;

      if (!(g_ascii_isdigit (*p) || *p == '+' || *p == '(') ||
          (p > text && g_ascii_isalnum (p[-1])))
        {
          p++;
          continue;
        }
      digits = phone_digits (p, &end);
      n = strlen (digits) - (digits[0] == '+' ? 1 : 0);
      /* "2026-12-01" is a date */
      is_date = end - p == 10 && p[4] == '-' && p[7] == '-' && n == 8;
      p = end;
      if (n >= 7 && n <= 15 && !g_ascii_isalnum (*end) && !is_date)
        {
          *value = g_steal_pointer (&digits);
          return TRUE;
        }
    }
  return FALSE;
}

static const char * const common_tlds[] = {
  "com", "org", "net", "edu", "gov", "io", "dev", "app", "info", "biz", "co", "uk", "us", "de",
  "fr", "eu", "ca", "au", "nl", "es", "it", "ch", "se", "no", "jp", "in", "me", NULL
};

static gboolean
is_url_char (gunichar c)
{
  return !g_unichar_isspace (c) && c >= 0x20 && c != 0x7F &&
         (c >= 0x80 || strchr ("<>\"`{}|\\^", (int) c) == NULL);
}

/* Cuts the punctuation that ends the sentence around a URL: "(see https://x.org/a)." */
static gsize
trim_url (const char *url, gsize len)
{
  while (len > 0)
    {
      char c = url[len - 1];
      int open = 0;

      if (c == ')' || c == ']')
        {
          char opener = c == ')' ? '(' : '[';

          for (gsize i = 0; i < len; i++)
            open += url[i] == opener ? 1 : url[i] == c ? -1 : 0;
          if (open >= 0)
            break; /* balanced: part of the URL, as in Wikipedia's */
        }
      else if (strchr (".,;:!?'*", c) == NULL)
        break;
      len--;
    }
  return len;
}

static gboolean
is_http_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

/* A host without scheme: "www.gnome.org/about", or "gnome.org" with a common top-level domain. */
static gboolean
is_bare_host (const char *candidate)
{
  g_autofree char *host = g_strndup (candidate, strcspn (candidate, "/?#:"));
  const char *dot = strrchr (host, '.');
  g_autofree char *tld = NULL;

  if (strchr (candidate, '@') != NULL || dot == NULL)
    return FALSE;
  if (!is_valid_domain (host))
    return FALSE;
  if (g_ascii_strncasecmp (host, "www.", 4) == 0)
    return TRUE;
  tld = g_ascii_strdown (dot + 1, -1);
  return g_strv_contains (common_tlds, tld);
}

static gboolean
extract_url (Input *in, char **value)
{
  const char *text = in->source;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *stop = p;
      g_autofree char *candidate = NULL;
      gboolean has_scheme;
      gsize len;

      if (p > text && g_ascii_isalnum (p[-1]))
        continue; /* candidates start a word */
      has_scheme = g_ascii_strncasecmp (p, "http://", 7) == 0 ||
                   g_ascii_strncasecmp (p, "https://", 8) == 0;
      /* A bare host is no URL inside "ftp://www.x.org" or "bob@x.org". */
      if (!has_scheme && (!g_unichar_isalnum (g_utf8_get_char (p)) ||
                          (p > text && strchr (":/@.-_", p[-1]) != NULL)))
        continue;
      while (*stop != '\0' && is_url_char (g_utf8_get_char (stop)))
        stop = g_utf8_next_char (stop);
      len = trim_url (p, stop - p);
      candidate = g_strndup (p, len);

      if (!has_scheme)
        {
          g_autofree char *bare = g_steal_pointer (&candidate);

          if (!is_bare_host (bare))
            continue;
          candidate = g_strconcat ("https://", bare, NULL);
        }
      if (is_http_url (candidate))
        {
          *value = g_steal_pointer (&candidate);
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* 7. Dates                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  FOUND_NONE,
  FOUND_OK,
  FOUND_INVALID, /* looks like one, but is not: "February 30", "25:00" */
} Found;

static Found
set_date (GDate *date, int year, int month, int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy (day, month, year))
    return FOUND_INVALID;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return FOUND_OK;
}

/* The next @month/@day from today, today included ("Dec 25", "Feb 29"). */
static Found
set_next_date (Input *in, GDate *date, int month, int day)
{
  int year = g_date_get_year (&in->today);

  for (int y = year; y <= year + 8; y++)
    if (set_date (date, y, month, day) == FOUND_OK && g_date_compare (date, &in->today) >= 0)
      return FOUND_OK;
  return FOUND_INVALID;
}

/* The next @day of a month from today ("on the 31st": this month or a later one that has it). */
static Found
set_next_day (Input *in, GDate *date, int day)
{
  int year = g_date_get_year (&in->today);
  int month = g_date_get_month (&in->today);

  for (int k = 0; k < 13; k++, month = month % 12 + 1, year += month == 1)
    if (set_date (date, year, month, day) == FOUND_OK && g_date_compare (date, &in->today) >= 0)
      return FOUND_OK;
  return FOUND_INVALID;
}

/* Moves @date by @days days and @months months, within years 1-9999. */
static Found
shift_date (GDate *date, double days, double months)
{
  if (fabs (days) > 366 * 1000 || fabs (months) > 12 * 1000 || !is_integral (days) ||
      !is_integral (months))
    return FOUND_INVALID;
  if (days < 0 && g_date_get_julian (date) <= (guint32) -days)
    return FOUND_INVALID;
  if (months < 0 &&
      (int) g_date_get_year (date) * 12 + (int) g_date_get_month (date) <= 12 - (int) months)
    return FOUND_INVALID;

  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
  if (months >= 0)
    g_date_add_months (date, (guint) months);
  else
    g_date_subtract_months (date, (guint) -months);
  return g_date_get_year (date) <= 9999 ? FOUND_OK : FOUND_INVALID;
}

static Found
set_weekday (Input *in, GDate *date, int weekday, int modifier)
{
  int today = g_date_get_weekday (&in->today);
  int delta;

  switch (modifier)
    {
    case MOD_NEXT:
      delta = (7 - today + 1) + (weekday - 1);
      break;
    case MOD_LAST:
      delta = -((today - weekday + 6) % 7 + 1);
      break;
    case MOD_COMING:
      delta = (weekday - today + 6) % 7 + 1;
      break;
    default:
      delta = (weekday - today + 7) % 7;
      break;
    }
  *date = in->today;
  return shift_date (date, delta, 0);
}

/* "today", "tomorrow", "the day after tomorrow". */
static Found
date_relative (Input *in, guint i, GDate *date, guint *end)
{
  int days;

  if (!match_table (in, i, in->words->relative_days, &days, end))
    return FOUND_NONE;
  *date = in->today;
  return shift_date (date, days, 0);
}

/* A count of days, weeks, months or years: "3 days", "a week", "two months". */
static gboolean
date_amount_at (Input *in, guint i, double *days, double *months, guint *end)
{
  NumberSpan span;
  int unit;

  if (is_word (token_at (in, i), in->words->indefinite))
    span = (NumberSpan) { i, i + 1, 1, TRUE };
  else if (!number_at (in, i, &span) || span.value < 0)
    return FALSE;
  if (!match_table (in, span.end, in->words->date_units, &unit, end))
    return FALSE;
  *days = unit > 0 ? span.value * unit : 0;
  *months = unit < 0 ? span.value * -unit : 0;
  return TRUE;
}

/* "in 3 days", "2 weeks from now", "a month ago". */
static Found
date_offset (Input *in, guint i, GDate *date, guint *end)
{
  double days, months;
  int sign;
  guint j;

  if (match_table (in, i, in->words->offset_before, &sign, &j) &&
      date_amount_at (in, j, &days, &months, end))
    ;
  else if (date_amount_at (in, i, &days, &months, &j) &&
           match_table (in, j, in->words->offset_after, &sign, end))
    ;
  else
    return FOUND_NONE;
  *date = in->today;
  return shift_date (date, sign * days, sign * months);
}

/* "next friday", "last monday", "this coming tuesday", "next week", "next month". */
static Found
date_modified (Input *in, guint i, GDate *date, guint *end)
{
  int modifier = MOD_THIS, weekday = 0, unit = 0;
  guint j;

  if (!match_table (in, i, in->words->date_modifiers, &modifier, &j))
    return FOUND_NONE;
  if (match_table (in, j, in->words->weekdays, &weekday, end))
    return set_weekday (in, date, weekday, modifier);
  if (match_table (in, j, in->words->date_units, &unit, end) && modifier != MOD_COMING)
    {
      int sign = modifier == MOD_NEXT ? 1 : modifier == MOD_LAST ? -1 : 0;

      *date = in->today;
      return shift_date (date, unit > 0 ? sign * unit : 0, unit < 0 ? sign * -unit : 0);
    }
  return FOUND_NONE;
}

/* "2026-12-01", "2026/12/01". */
static Found
date_iso (Input *in, guint i, GDate *date, guint *end)
{
  const Token *y = token_at (in, i), *s1 = token_at (in, i + 1), *m = token_at (in, i + 2);
  const Token *s2 = token_at (in, i + 3), *d = token_at (in, i + 4);

  if (!is_small_integer (y, 4) || y->int_digits != 4 || !is_small_integer (m, 2) ||
      !is_small_integer (d, 2) || s1 == NULL || s1->kind != TOKEN_SYMBOL ||
      (s1->symbol != '-' && s1->symbol != '/') || !is_symbol (s2, s1->symbol) ||
      s1->spaced || m->spaced || s2->spaced || d->spaced)
    return FOUND_NONE;
  *end = i + 5;
  return set_date (date, (int) y->value, (int) m->value, (int) d->value);
}

static Found
set_numeric_date (Input *in, GDate *date, int month, int day, int year)
{
  if (month > 12 && day <= 12)
    {
      int swap = month;

      month = day;
      day = swap;
    }
  return year > 0 ? set_date (date, year, month, day) : set_next_date (in, date, month, day);
}

/* "12.25.2026", "25.12.26": the number token is "12.25" */
static Found
date_dotted (Input *in, guint i, GDate *date, guint *end)
{
  const Token *a = token_at (in, i), *dot = token_at (in, i + 1), *c = token_at (in, i + 2);

  if (a == NULL || a->kind != TOKEN_NUMBER || a->grouped || a->int_digits > 2 ||
      a->frac_digits < 1 || a->frac_digits > 2 || !is_symbol (dot, '.') || dot->spaced ||
      !is_small_integer (c, 4) || c->spaced || (c->int_digits != 2 && c->int_digits != 4))
    return FOUND_NONE;
  *end = i + 3;
  return set_numeric_date (in, date, atoi (a->text), atoi (strchr (a->text, '.') + 1),
                           (int) c->value + (c->int_digits == 2 ? 2000 : 0));
}

/* "12/25/2026", "12/25/26", "12/25", "12-25-2026"; month first, unless it cannot be. */
static Found
date_numeric (Input *in, guint i, GDate *date, guint *end)
{
  const Token *a = token_at (in, i), *s1 = token_at (in, i + 1), *b = token_at (in, i + 2);
  const Token *s2 = token_at (in, i + 3), *c = token_at (in, i + 4);
  int year = 0;

  if (!is_small_integer (a, 2) || !is_small_integer (b, 2) || s1 == NULL ||
      s1->kind != TOKEN_SYMBOL || (s1->symbol != '/' && s1->symbol != '-') || s1->spaced ||
      b->spaced)
    return FOUND_NONE;
  if (is_symbol (s2, s1->symbol) && !s2->spaced && c != NULL && !c->spaced &&
      is_small_integer (c, 4) && (c->int_digits == 2 || c->int_digits == 4))
    {
      year = (int) c->value + (c->int_digits == 2 ? 2000 : 0);
      *end = i + 5;
    }
  else if (s1->symbol == '/')
    *end = i + 3;
  else
    return FOUND_NONE; /* "3-5" is a range */
  return set_numeric_date (in, date, (int) a->value, (int) b->value, year);
}

/* A day of the month: "25", "25th", "twenty-fifth". */
static gboolean
day_at (Input *in, guint i, int *day, guint *end)
{
  const Token *t = token_at (in, i);

  if (ordinal_at (in, i, day, end))
    return TRUE;
  if (is_small_integer (t, 2) && !is_symbol (token_at (in, i + 1), ':'))
    {
      *day = (int) t->value;
      *end = i + 1;
      return TRUE;
    }
  return FALSE;
}

/* An optional year after a date: ", 2026". */
static gboolean
year_at (Input *in, guint i, int *year, guint *end)
{
  const Token *t;

  if (is_symbol (token_at (in, i), ','))
    i++;
  t = token_at (in, i);
  if (!is_small_integer (t, 4) || t->int_digits != 4 ||
      is_symbol (token_at (in, i + 1), ':'))
    return FALSE;
  *year = (int) t->value;
  *end = i + 1;
  return TRUE;
}

static Found
set_month_day (Input *in, GDate *date, int month, int day, guint j, guint *end)
{
  int year;

  if (year_at (in, j, &year, end))
    return set_date (date, year, month, day);
  *end = j;
  return set_next_date (in, date, month, day);
}

/* "December 25th", "Dec. 25, 2026", "March the 3rd". */
static Found
date_month_first (Input *in, guint i, GDate *date, guint *end)
{
  int month, day;
  guint j;

  if (!match_table (in, i, in->words->months, &month, &j))
    return FOUND_NONE;
  if (is_symbol (token_at (in, j), '.'))
    j++;
  if (is_word (token_at (in, j), in->words->the))
    j++;
  if (!day_at (in, j, &day, &j))
    return FOUND_NONE;
  return set_month_day (in, date, month, day, j, end);
}

/* "25 December 2026", "the 3rd of March". */
static Found
date_day_first (Input *in, guint i, GDate *date, guint *end)
{
  int month, day;
  guint j = i;

  if (is_word (token_at (in, j), in->words->the))
    j++;
  if (!day_at (in, j, &day, &j))
    return FOUND_NONE;
  if (is_word (token_at (in, j), in->words->of))
    j++;
  if (!match_table (in, j, in->words->months, &month, &j))
    return FOUND_NONE;
  if (is_symbol (token_at (in, j), '.'))
    j++;
  return set_month_day (in, date, month, day, j, end);
}

/* "on the 25th", "the 3rd": the next such day of a month. */
static Found
date_day_only (Input *in, guint i, GDate *date, guint *end)
{
  int day;
  guint j = i;

  if (is_word (token_at (in, j), in->words->on))
    j++;
  if (is_word (token_at (in, j), in->words->the))
    j++;
  if (j == i || !ordinal_at (in, j, &day, end))
    return FOUND_NONE;
  if (is_word (token_at (in, *end), in->words->of) ||
      match_table (in, *end, in->words->months, NULL, NULL))
    return FOUND_NONE; /* "on the 3rd of March": a full date, found from "the" */
  return set_next_day (in, date, day);
}

typedef Found (*DateFunc) (Input *in, guint i, GDate *date, guint *end);

static const DateFunc explicit_date_funcs[] = {
  date_iso, date_numeric, date_dotted, date_month_first, date_day_first,
};

static Found
date_explicit (Input *in, guint i, GDate *date, guint *end)
{
  for (guint k = 0; k < G_N_ELEMENTS (explicit_date_funcs); k++)
    {
      Found found = explicit_date_funcs[k] (in, i, date, end);

      if (found != FOUND_NONE)
        return found;
    }
  return FOUND_NONE;
}

/* "friday", "on friday", or "Friday, December 4th" where the date says which friday. */
static Found
date_weekday (Input *in, guint i, GDate *date, guint *end)
{
  int weekday;
  guint j, weekday_end;
  Found found;

  if (!match_table (in, i, in->words->weekdays, &weekday, &weekday_end))
    return FOUND_NONE;
  j = weekday_end;
  if (is_symbol (token_at (in, j), ','))
    j++;
  found = date_explicit (in, j, date, end);
  if (found == FOUND_NONE)
    found = date_day_only (in, j, date, end); /* "friday the 4th" */
  if (found != FOUND_NONE)
    return found;
  *end = weekday_end;
  return set_weekday (in, date, weekday, MOD_THIS);
}

static const DateFunc date_funcs[] = {
  date_relative, date_offset, date_modified, date_weekday, date_explicit, date_day_only,
};

static gboolean
extract_date (Input *in, char **value)
{
  for (guint i = 0; i < in->tokens->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (date_funcs); k++)
      {
        GDate date;
        guint end;
        Found found = date_funcs[k] (in, i, &date, &end);

        if (found == FOUND_INVALID)
          return FALSE;
        if (found == FOUND_OK)
          {
            *value = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                                      g_date_get_month (&date), g_date_get_day (&date));
            return TRUE;
          }
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* 8. Times                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Hours and minutes as written, before am/pm. */
typedef struct
{
  double   hour;
  double   minute;
  gboolean colon;    /* "15:30" */
  gboolean decimal;  /* "3.30" */
  guint    end;
} ClockTime;

/* "15:30", "3.30", "3", "three", "three thirty". */
static gboolean
clock_at (Input *in, guint i, ClockTime *clock)
{
  const Token *t = token_at (in, i);
  NumberSpan span, minutes;

  memset (clock, 0, sizeof *clock);
  if (t != NULL && t->kind == TOKEN_NUMBER)
    {
      if (t->grouped || t->int_digits > 2 || (t->frac_digits != 0 && t->frac_digits != 2))
        return FALSE;
      clock->hour = floor (t->value);
      clock->minute = round ((t->value - clock->hour) * 100);
      clock->decimal = t->frac_digits == 2;
      clock->end = i + 1;
      if (!clock->decimal && is_symbol (token_at (in, i + 1), ':') &&
          is_small_integer (token_at (in, i + 2), 2) && token_at (in, i + 2)->int_digits == 2 &&
          !token_at (in, i + 1)->spaced && !token_at (in, i + 2)->spaced)
        {
          clock->minute = token_at (in, i + 2)->value;
          clock->colon = TRUE;
          clock->end = i + 3;
          if (is_symbol (token_at (in, i + 3), ':') && is_small_integer (token_at (in, i + 4), 2))
            clock->end = i + 5; /* seconds */
        }
      return TRUE;
    }
  if (!number_words_at (in, i, &span) || !is_integral (span.value) || span.value > 24)
    return FALSE;
  clock->hour = span.value;
  clock->end = span.end;
  if (number_words_at (in, span.end, &minutes) && minutes.value >= 10 && minutes.value < 60)
    {
      clock->minute = minutes.value; /* "three thirty" */
      clock->end = minutes.end;
    }
  return TRUE;
}

static Found
set_time (int *minutes, double hour, double minute, int meridiem)
{
  if (!is_integral (hour) || !is_integral (minute) || minute < 0 || minute > 59 || hour < 0)
    return FOUND_INVALID;
  if (meridiem >= 0)
    {
      if (hour < 1 || hour > 12)
        return FOUND_INVALID;
      hour = fmod (hour, 12) + meridiem;
    }
  else if (hour > 23)
    return FOUND_INVALID;
  *minutes = (int) (hour * 60 + minute);
  return FOUND_OK;
}

/* "3pm", "3:30 p.m.", "15:30", "at 9", "9 o'clock", "7 in the evening". */
static Found
time_clock (Input *in, guint i, int *minutes, guint *end)
{
  const Words *w = in->words;
  ClockTime clock;
  int meridiem = -1, period = -1;
  gboolean marked, plain;
  guint j;

  if (!clock_at (in, i, &clock))
    return FOUND_NONE;
  j = clock.end;
  match_table (in, j, w->meridiems, &meridiem, &j);
  marked = clock.colon || meridiem >= 0 || match_table (in, j, w->oclock, NULL, &j);
  if (meridiem < 0 && match_table (in, j, w->periods, &period, &j))
    {
      marked = TRUE;
      if (clock.hour < 12)
        clock.hour += period;
    }
  /* A bare number is a time only where nothing else can be meant: "at 9", or the answer "9". */
  plain = (i > 0 && is_word (token_at (in, i - 1), w->time_prepositions)) ||
          is_whole_message (in, i, j);
  if (!marked && !plain)
    return FOUND_NONE;
  *end = j;
  return set_time (minutes, clock.hour, clock.minute, meridiem);
}

/* "noon", "midnight", "now". */
static Found
time_named (Input *in, guint i, int *minutes, guint *end)
{
  if (!match_table (in, i, in->words->named_times, minutes, end))
    return FOUND_NONE;
  if (*minutes < 0)
    *minutes = in->now_minutes;
  return FOUND_OK;
}

/* "half past 3", "quarter to five pm". */
static Found
time_past_to (Input *in, guint i, int *minutes, guint *end)
{
  ClockTime clock;
  int offset, meridiem = -1;
  guint j;
  Found found;

  if (!match_table (in, i, in->words->past_to, &offset, &j) || !clock_at (in, j, &clock) ||
      clock.colon || clock.decimal || clock.minute != 0)
    return FOUND_NONE;
  j = clock.end;
  match_table (in, j, in->words->meridiems, &meridiem, &j);
  *end = j;
  found = set_time (minutes, clock.hour, 0, meridiem);
  if (found == FOUND_OK)
    *minutes = (*minutes + offset + 24 * 60) % (24 * 60);
  return found;
}

typedef Found (*TimeFunc) (Input *in, guint i, int *minutes, guint *end);

static const TimeFunc time_funcs[] = { time_named, time_past_to, time_clock };

static gboolean
extract_time (Input *in, char **value)
{
  for (guint i = 0; i < in->tokens->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (time_funcs); k++)
      {
        int minutes;
        guint end;
        Found found = time_funcs[k] (in, i, &minutes, &end);

        if (found == FOUND_INVALID)
          return FALSE;
        if (found == FOUND_OK)
          {
            *value = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
            return TRUE;
          }
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* 9. The whole message                                                                        */
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
/* 10. Phrases as words: closed lists and choices                                             */
/* ------------------------------------------------------------------------------------------ */

/* The words (and numbers) of a text, folded, without punctuation. */
static GPtrArray *
text_words (const char *text)
{
  g_autofree char *valid = capped_valid (text, VA_TEXT_MAX_BYTES);
  g_autoptr(GArray) tokens = tokenize (valid, FALSE);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tokens->len; i++)
    g_ptr_array_add (words, g_steal_pointer (&g_array_index (tokens, Token, i).text));
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
/* 11. Custom entities                                                                         */
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

  subject = capped_valid (text, REGEX_MAX_BYTES);
  /* A match error (limit reached) is no match. */
  if (!g_regex_match_full (regex, subject, -1, 0, G_REGEX_MATCH_NOTEMPTY, &match, NULL))
    return FALSE;
  *value = g_match_info_fetch (match, 0);
  return *value != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* 12. Public API                                                                              */
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
  Input in = { 0 };
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
      input_init (&in, text, now);
      if (g_str_equal (name, "boolean"))
        ok = extract_boolean (&in, &found);
      else if (g_str_equal (name, "number") || g_str_equal (name, "integer"))
        ok = extract_number (&in, g_str_equal (name, "integer"), &found);
      else if (g_str_equal (name, "money") || g_str_equal (name, "percentage") ||
               g_str_equal (name, "age"))
        ok = extract_amount (&in, name, &found);
      else if (g_str_equal (name, "email"))
        ok = extract_email (&in, &found);
      else if (g_str_equal (name, "phone"))
        ok = extract_phone (&in, &found);
      else if (g_str_equal (name, "url"))
        ok = extract_url (&in, &found);
      else if (g_str_equal (name, "date"))
        ok = extract_date (&in, &found);
      else if (g_str_equal (name, "time"))
        ok = extract_time (&in, &found);
      input_clear (&in);
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
/* 13. Multiple-choice answers                                                                 */
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
choice_by_number (Input *in, guint n_options, GArray *occurrences)
{
  const Words *w = in->words;
  NumberSpan span;
  guint first = 0;
  int picked = -1;

  /* The whole answer is a number, give or take filler words: "2", "number two please". */
  for (; first < in->tokens->len; first++)
    {
      if (number_at (in, first, &span))
        {
          guint j = span.end;

          while (j < in->tokens->len && is_word (token_at (in, j), w->choice_fillers))
            j++;
          if (j == in->tokens->len && is_integral (span.value) && span.value >= 1 &&
              span.value <= n_options)
            return (int) span.value - 1;
          break;
        }
      if (!is_word (token_at (in, first), w->choice_fillers))
        break;
    }

  /* An ordinal anywhere that is not part of an option's name ("first class"). */
  for (guint i = 0; i < in->tokens->len; i++)
    {
      int ordinal = -1;
      guint end = i + 1;
      gboolean inside = FALSE;

      if (is_word (token_at (in, i), w->last))
        ordinal = n_options;
      else if (!ordinal_at (in, i, &ordinal, &end))
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
  Input in = { 0 };
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
  in.words = words_for_language ("en");
  in.source = capped_valid (text, VA_TEXT_MAX_BYTES);
  in.tokens = tokenize (in.source, FALSE);
  picked = choice_by_number (&in, n_options, occurrences);
  input_clear (&in);
  if (picked >= 0)
    return picked;

  picked = single_option (occurrences);
  if (picked != -1)
    return MAX (picked, -1);
  return choice_by_typo (options, words);
}
