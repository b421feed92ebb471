/* va-entity-private.h — shared by the entity extractors
 *
 * va-entity-words.c has the word tables and cuts a message into tokens; va-entity-numbers.c,
 * va-entity-dates.c and va-entity-web.c find the prebuilt entities' values in them;
 * va-entity-extract.c is the public API, with booleans, custom entities and choices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word or a phrase (words separated by single spaces, as they appear once folded: lower case,
 * no accents, no apostrophes) with what it means. Tables end with { NULL, 0 }. */
typedef struct
{
  const char *phrase;
  int         value;
} VaEntityPhrase;

enum
{
  VA_ENTITY_MOD_THIS,     /* "this friday": the next one, today included */
  VA_ENTITY_MOD_NEXT,     /* "next friday": the friday of next week (weeks start on Monday) */
  VA_ENTITY_MOD_LAST,     /* "last friday": the last one before today */
  VA_ENTITY_MOD_COMING,   /* "the coming friday": the next one after today */
};

/* Booleans: +1 yes, -1 no, 0 undecided; ±2 counts only as the whole message ("y", "n"). */
enum
{
  VA_ENTITY_BOOL_UNDECIDED = 0,
  VA_ENTITY_BOOL_YES = 1,
  VA_ENTITY_BOOL_NO = -1,
  VA_ENTITY_BOOL_ALONE = 2,
};

typedef struct
{
  /* Numbers */
  const VaEntityPhrase *units;             /* 0-19 */
  const VaEntityPhrase *tens;              /* 20, 30 ... 90 */
  const VaEntityPhrase *multipliers;       /* hundred, thousand ... */
  const char * const   *indefinite;        /* "a hundred" */
  const char * const   *conjunctions;      /* "a hundred and two" */
  const char * const   *pronoun_one;       /* "the one", "this one": "one" is no number there */
  const VaEntityPhrase *ordinals;          /* first ... ninetieth */
  const char * const   *ordinal_suffixes;  /* 1st, 2nd */

  /* Booleans */
  const VaEntityPhrase *booleans;
  const char * const   *negations;

  /* Amounts: currencies before or after the number (value: how many units make one, 100 for
   * cents), percent signs, ages (value: months in the unit). */
  const VaEntityPhrase *currency_before;
  const VaEntityPhrase *currency_after;
  const VaEntityPhrase *conjunction_amount;
  const VaEntityPhrase *percent_after;
  const VaEntityPhrase *age_before;
  const VaEntityPhrase *age_after;

  /* Dates */
  const VaEntityPhrase *relative_days;     /* value: days from today */
  const VaEntityPhrase *months;
  const VaEntityPhrase *weekdays;          /* GDateWeekday */
  const VaEntityPhrase *date_units;        /* value > 0: days; < 0: -months */
  const VaEntityPhrase *date_modifiers;    /* VA_ENTITY_MOD_* */
  const VaEntityPhrase *offset_before;     /* "in 3 days" */
  const VaEntityPhrase *offset_after;      /* "3 days from now" +1, "3 days ago" -1 */
  const char * const   *the;               /* "the 3rd of March" */
  const char * const   *on;                /* "on the 25th" */
  const char * const   *of;                /* "the 3rd of March" */

  /* Times */
  const VaEntityPhrase *named_times;       /* minutes after midnight; -1 = now */
  const VaEntityPhrase *meridiems;         /* hours to add: am 0, pm 12 */
  const VaEntityPhrase *periods;           /* "in the evening": 12 */
  const VaEntityPhrase *past_to;           /* "half past": 30; "quarter to": -15 */
  const VaEntityPhrase *oclock;
  const char * const   *time_prepositions;

  /* Choices */
  const char * const   *choice_fillers;    /* words dropped around a number: "option 2 please" */
  const char * const   *last;              /* "the last one" */
} VaEntityWords;

typedef enum
{
  VA_ENTITY_TOKEN_WORD,
  VA_ENTITY_TOKEN_NUMBER,
  VA_ENTITY_TOKEN_SYMBOL,
} VaEntityTokenKind;

typedef struct
{
  VaEntityTokenKind  kind;
  gboolean           spaced;      /* white space (or the start of the text) precedes it */
  char              *text;        /* word: folded; number: ASCII "1234.5"; symbol: the character */
  gunichar           symbol;
  double             value;       /* number */
  guint              int_digits;  /* number: digits before the point */
  guint              frac_digits; /* number: digits after the point */
  gboolean           grouped;     /* number: written with thousands separators */
} VaEntityToken;

typedef struct
{
  const VaEntityWords *words;
  char                *source;    /* the message: valid UTF-8, at most VA_TEXT_MAX_BYTES */
  GArray              *tokens;    /* VaEntityToken */
  GDate                today;
  int                  now_minutes;
} VaEntityInput;

typedef struct
{
  guint    first; /* first token */
  guint    end;   /* token after the last */
  double   value;
  gboolean words; /* spelt out */
} VaEntityNumberSpan;

/* va-entity-words.c */
const VaEntityWords *va_entity_words_for_language (const char *language);
char                *va_entity_capped_valid       (const char *text,
                                                   gsize       max_bytes);
GArray              *va_entity_tokenize           (const char *text,
                                                   gboolean    keep_symbols);
void                 va_entity_input_init         (VaEntityInput *in,
                                                   const char    *text,
                                                   GDateTime     *now);
void                 va_entity_input_clear        (VaEntityInput *in);

const VaEntityToken *va_entity_token_at           (VaEntityInput *in,
                                                   guint          i);
gboolean             va_entity_is_word            (const VaEntityToken *token,
                                                   const char * const  *words);
gboolean             va_entity_is_symbol          (const VaEntityToken *token,
                                                   gunichar             c);
gboolean             va_entity_is_small_integer   (const VaEntityToken *token,
                                                   guint                max_digits);
gboolean             va_entity_lookup_word        (const VaEntityPhrase *table,
                                                   const VaEntityToken  *token,
                                                   int                  *value);
gboolean             va_entity_match_table        (VaEntityInput        *in,
                                                   guint                 i,
                                                   const VaEntityPhrase *table,
                                                   int                  *value,
                                                   guint                *end);
gboolean             va_entity_match_table_before (VaEntityInput        *in,
                                                   guint                 i,
                                                   const VaEntityPhrase *table,
                                                   int                  *value);
gboolean             va_entity_is_whole_message   (VaEntityInput *in,
                                                   guint          first,
                                                   guint          end);

/* va-entity-numbers.c */
gboolean             va_entity_is_integral        (double value);
gboolean             va_entity_number_at          (VaEntityInput      *in,
                                                   guint               i,
                                                   VaEntityNumberSpan *span);
gboolean             va_entity_number_words_at    (VaEntityInput      *in,
                                                   guint               i,
                                                   VaEntityNumberSpan *span);
gboolean             va_entity_ordinal_at         (VaEntityInput *in,
                                                   guint          i,
                                                   int           *value,
                                                   guint         *end);
gboolean             va_entity_extract_number     (VaEntityInput *in,
                                                   gboolean       integer,
                                                   char         **value);
gboolean             va_entity_extract_amount     (VaEntityInput *in,
                                                   const char    *name,
                                                   char         **value);

/* va-entity-dates.c */
gboolean             va_entity_extract_date       (VaEntityInput *in,
                                                   char         **value);
gboolean             va_entity_extract_time       (VaEntityInput *in,
                                                   char         **value);

/* va-entity-web.c */
gboolean             va_entity_extract_email      (VaEntityInput *in,
                                                   char         **value);
gboolean             va_entity_extract_phone      (VaEntityInput *in,
                                                   char         **value);
gboolean             va_entity_extract_url        (VaEntityInput *in,
                                                   char         **value);

G_END_DECLS
