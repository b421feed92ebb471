/* va-entity-numbers.c — numbers, money, percentages and ages in a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-entity-private.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Numbers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

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
gboolean
va_entity_number_words_at (VaEntityInput *in, guint i, VaEntityNumberSpan *span)
{
  const VaEntityWords *w = in->words;
  double total = 0, current = 0, last_scale = INFINITY;
  int part = PART_NONE;
  guint j = i, end = i;

  if (va_entity_is_word (va_entity_token_at (in, i), w->indefinite))
    {
      int scale;

      if (!va_entity_lookup_word (w->multipliers, va_entity_token_at (in, i + 1), &scale))
        return FALSE;
      current = 1;
      part = PART_UNIT;
      j++;
    }

  for (const VaEntityToken *t; (t = va_entity_token_at (in, j)) != NULL; )
    {
      int v;

      if (part != PART_NONE && va_entity_is_symbol (t, '-') && !t->spaced)
        {
          j++; /* "twenty-five" */
          continue;
        }
      if (va_entity_lookup_word (w->units, t, &v))
        {
          if (part == PART_UNIT || part == PART_TEEN || (part == PART_TENS && (v >= 10 || v == 0)))
            break;
          current += v;
          part = v >= 10 ? PART_TEEN : PART_UNIT;
        }
      else if (va_entity_lookup_word (w->tens, t, &v))
        {
          if (part == PART_UNIT || part == PART_TEEN || part == PART_TENS)
            break;
          current += v;
          part = PART_TENS;
        }
      else if (va_entity_lookup_word (w->multipliers, t, &v) && v < 1000)
        {
          if (part == PART_HUNDRED || fmod (current, 1000) >= v)
            break;
          current = (current == 0 ? 1 : current) * v;
          part = PART_HUNDRED;
        }
      else if (va_entity_lookup_word (w->multipliers, t, &v))
        {
          if (part == PART_NONE || v >= last_scale)
            break;
          total += current * v;
          current = 0;
          last_scale = v;
          part = PART_SCALE;
        }
      else if (va_entity_is_word (t, w->conjunctions) &&
               (part == PART_HUNDRED || part == PART_SCALE) &&
               (va_entity_lookup_word (w->units, va_entity_token_at (in, j + 1), &v) ||
                va_entity_lookup_word (w->tens, va_entity_token_at (in, j + 1), &v)))
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
  if (end == i + 1 && i > 0 && strcmp (va_entity_token_at (in, i)->text, "one") == 0 &&
      va_entity_is_word (va_entity_token_at (in, i - 1), w->pronoun_one))
    return FALSE;

  span->first = i;
  span->end = end;
  span->value = total + current;
  span->words = TRUE;
  return TRUE;
}

/* "42", "-3.5", "1,234.5", "2 million". */
static gboolean
number_digits_at (VaEntityInput *in, guint i, VaEntityNumberSpan *span)
{
  const VaEntityToken *t = va_entity_token_at (in, i);
  const VaEntityToken *next = va_entity_token_at (in, i + 1);
  double sign = 1;
  int scale;

  if (t != NULL && t->kind == VA_ENTITY_TOKEN_SYMBOL && (t->symbol == '-' || t->symbol == 0x2212) &&
      next != NULL && next->kind == VA_ENTITY_TOKEN_NUMBER && !next->spaced &&
      (i == 0 || t->spaced || va_entity_token_at (in, i - 1)->kind == VA_ENTITY_TOKEN_SYMBOL))
    {
      sign = -1; /* a minus sign, not the dash of "2026-12-01" */
      span->first = i++;
      t = next;
    }
  else
    span->first = i;

  if (t == NULL || t->kind != VA_ENTITY_TOKEN_NUMBER || !isfinite (t->value))
    return FALSE;
  span->value = sign * t->value;
  span->end = i + 1;
  span->words = FALSE;

  if (va_entity_lookup_word (in->words->multipliers, va_entity_token_at (in, i + 1), &scale) &&
      scale >= 100)
    {
      span->value *= scale;
      span->end++;
    }
  return TRUE;
}

gboolean
va_entity_number_at (VaEntityInput *in, guint i, VaEntityNumberSpan *span)
{
  return number_digits_at (in, i, span) || va_entity_number_words_at (in, i, span);
}

/* The first number at or after token @from. */
static gboolean
find_number (VaEntityInput *in, guint from, VaEntityNumberSpan *span)
{
  for (guint i = from; i < in->tokens->len; i++)
    if (va_entity_number_at (in, i, span))
      return TRUE;
  return FALSE;
}

gboolean
va_entity_is_integral (double value)
{
  return isfinite (value) && value == floor (value);
}

/* "3rd", "third", "twenty-fifth". */
gboolean
va_entity_ordinal_at (VaEntityInput *in, guint i, int *value, guint *end)
{
  const VaEntityWords *w = in->words;
  const VaEntityToken *t = va_entity_token_at (in, i);
  const VaEntityToken *next = va_entity_token_at (in, i + 1);
  int tens, unit;

  if (va_entity_is_small_integer (t, 3) && next != NULL && !next->spaced &&
      va_entity_is_word (next, w->ordinal_suffixes) && t->value >= 1)
    {
      *value = (int) t->value;
      *end = i + 2;
      return TRUE;
    }
  if (va_entity_lookup_word (w->tens, t, &tens))
    {
      guint j = va_entity_is_symbol (next, '-') ? i + 2 : i + 1;

      if (va_entity_lookup_word (w->ordinals, va_entity_token_at (in, j), &unit) && unit < 10)
        {
          *value = tens + unit;
          *end = j + 1;
          return TRUE;
        }
    }
  if (va_entity_lookup_word (w->ordinals, t, value))
    {
      *end = i + 1;
      return TRUE;
    }
  return FALSE;
}

gboolean
va_entity_extract_number (VaEntityInput *in, gboolean integer, char **value)
{
  VaEntityNumberSpan span;

  if (!find_number (in, 0, &span))
    return FALSE;
  if (integer && !va_entity_is_integral (span.value))
    return FALSE;
  *value = format_number (span.value);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Money, percentages, ages                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Checks a number found with the marker's value (0: no marker) and converts it in place. */
typedef gboolean (*AdjustFunc) (VaEntityInput *in, VaEntityNumberSpan *span, int marker,
                                guint marker_end);

/* The first number with a marker of @before or @after around it ("$12", "15 %"), else the
 * first number that @adjust accepts without one. */
static gboolean
find_marked_number (VaEntityInput *in, const VaEntityPhrase *before, const VaEntityPhrase *after,
                    AdjustFunc adjust, double *value)
{
  VaEntityNumberSpan span;
  int marker;
  guint marker_end;

  for (guint i = 0; find_number (in, i, &span); i = span.end)
    {
      if (before != NULL && va_entity_match_table_before (in, span.first, before, &marker) &&
          adjust (in, &span, marker, span.end))
        {
          *value = span.value;
          return TRUE;
        }
      if (after != NULL && va_entity_match_table (in, span.end, after, &marker, &marker_end) &&
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
adjust_money (VaEntityInput *in, VaEntityNumberSpan *span, int marker, guint marker_end)
{
  VaEntityNumberSpan cents;
  guint j = marker_end;
  int divisor = 0;

  if (marker > 1)
    span->value /= marker;
  if (marker == 1)
    {
      if (va_entity_is_symbol (va_entity_token_at (in, j), ','))
        j++;
      va_entity_match_table (in, j, in->words->conjunction_amount, NULL, &j);
      if (va_entity_number_at (in, j, &cents) &&
          va_entity_match_table (in, cents.end, in->words->currency_after, &divisor, NULL) &&
          divisor > 1)
        span->value += cents.value / divisor;
    }
  return isfinite (span->value);
}

static gboolean
adjust_percentage (VaEntityInput *in, VaEntityNumberSpan *span, int marker, guint marker_end)
{
  return isfinite (span->value);
}

/* marker: months in the unit; 0 for a bare number, which must look like an age. */
static gboolean
adjust_age (VaEntityInput *in, VaEntityNumberSpan *span, int marker, guint marker_end)
{
  if (marker > 0 && marker != 12)
    span->value = round (span->value * marker / 12.0 * 100) / 100;
  return span->value >= 0 && span->value <= 150;
}

gboolean
va_entity_extract_amount (VaEntityInput *in, const char *name, char **value)
{
  const VaEntityWords *w = in->words;
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
