/* va-entity-dates.c — dates and times in a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-entity-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Dates                                                                                      */
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
set_next_date (VaEntityInput *in, GDate *date, int month, int day)
{
  int year = g_date_get_year (&in->today);

  for (int y = year; y <= year + 8; y++)
    if (set_date (date, y, month, day) == FOUND_OK && g_date_compare (date, &in->today) >= 0)
      return FOUND_OK;
  return FOUND_INVALID;
}

/* The next @day of a month from today ("on the 31st": this month or a later one that has it). */
static Found
set_next_day (VaEntityInput *in, GDate *date, int day)
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
  if (fabs (days) > 366 * 1000 || fabs (months) > 12 * 1000 || !va_entity_is_integral (days) ||
      !va_entity_is_integral (months))
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
set_weekday (VaEntityInput *in, GDate *date, int weekday, int modifier)
{
  int today = g_date_get_weekday (&in->today);
  int delta;

  switch (modifier)
    {
    case VA_ENTITY_MOD_NEXT:
      delta = (7 - today + 1) + (weekday - 1);
      break;
    case VA_ENTITY_MOD_LAST:
      delta = -((today - weekday + 6) % 7 + 1);
      break;
    case VA_ENTITY_MOD_COMING:
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
date_relative (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int days;

  if (!va_entity_match_table (in, i, in->words->relative_days, &days, end))
    return FOUND_NONE;
  *date = in->today;
  return shift_date (date, days, 0);
}

/* A count of days, weeks, months or years: "3 days", "a week", "two months". */
static gboolean
date_amount_at (VaEntityInput *in, guint i, double *days, double *months, guint *end)
{
  VaEntityNumberSpan span;
  int unit;

  if (va_entity_is_word (va_entity_token_at (in, i), in->words->indefinite))
    span = (VaEntityNumberSpan) { i, i + 1, 1, TRUE };
  else if (!va_entity_number_at (in, i, &span) || span.value < 0)
    return FALSE;
  if (!va_entity_match_table (in, span.end, in->words->date_units, &unit, end))
    return FALSE;
  *days = unit > 0 ? span.value * unit : 0;
  *months = unit < 0 ? span.value * -unit : 0;
  return TRUE;
}

/* "in 3 days", "2 weeks from now", "a month ago". */
static Found
date_offset (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  double days, months;
  int sign;
  guint j;

  if (va_entity_match_table (in, i, in->words->offset_before, &sign, &j) &&
      date_amount_at (in, j, &days, &months, end))
    ;
  else if (date_amount_at (in, i, &days, &months, &j) &&
           va_entity_match_table (in, j, in->words->offset_after, &sign, end))
    ;
  else
    return FOUND_NONE;
  *date = in->today;
  return shift_date (date, sign * days, sign * months);
}

/* "next friday", "last monday", "this coming tuesday", "next week", "next month". */
static Found
date_modified (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int modifier = VA_ENTITY_MOD_THIS, weekday = 0, unit = 0;
  guint j;

  if (!va_entity_match_table (in, i, in->words->date_modifiers, &modifier, &j))
    return FOUND_NONE;
  if (va_entity_match_table (in, j, in->words->weekdays, &weekday, end))
    return set_weekday (in, date, weekday, modifier);
  if (va_entity_match_table (in, j, in->words->date_units, &unit, end) &&
      modifier != VA_ENTITY_MOD_COMING)
    {
      int sign = modifier == VA_ENTITY_MOD_NEXT ? 1 : modifier == VA_ENTITY_MOD_LAST ? -1 : 0;

      *date = in->today;
      return shift_date (date, unit > 0 ? sign * unit : 0, unit < 0 ? sign * -unit : 0);
    }
  return FOUND_NONE;
}

/* "2026-12-01", "2026/12/01". */
static Found
date_iso (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  const VaEntityToken *y = va_entity_token_at (in, i), *s1 = va_entity_token_at (in, i + 1);
  const VaEntityToken *m = va_entity_token_at (in, i + 2), *s2 = va_entity_token_at (in, i + 3);
  const VaEntityToken *d = va_entity_token_at (in, i + 4);

  if (!va_entity_is_small_integer (y, 4) || y->int_digits != 4 ||
      !va_entity_is_small_integer (m, 2) || !va_entity_is_small_integer (d, 2) || s1 == NULL ||
      s1->kind != VA_ENTITY_TOKEN_SYMBOL ||
      (s1->symbol != '-' && s1->symbol != '/') || !va_entity_is_symbol (s2, s1->symbol) ||
      s1->spaced || m->spaced || s2->spaced || d->spaced)
    return FOUND_NONE;
  *end = i + 5;
  return set_date (date, (int) y->value, (int) m->value, (int) d->value);
}

static Found
set_numeric_date (VaEntityInput *in, GDate *date, int month, int day, int year)
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
date_dotted (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  const VaEntityToken *a = va_entity_token_at (in, i), *dot = va_entity_token_at (in, i + 1);
  const VaEntityToken *c = va_entity_token_at (in, i + 2);

  if (a == NULL || a->kind != VA_ENTITY_TOKEN_NUMBER || a->grouped || a->int_digits > 2 ||
      a->frac_digits < 1 || a->frac_digits > 2 || !va_entity_is_symbol (dot, '.') || dot->spaced ||
      !va_entity_is_small_integer (c, 4) || c->spaced || (c->int_digits != 2 && c->int_digits != 4))
    return FOUND_NONE;
  *end = i + 3;
  return set_numeric_date (in, date, atoi (a->text), atoi (strchr (a->text, '.') + 1),
                           (int) c->value + (c->int_digits == 2 ? 2000 : 0));
}

/* "12/25/2026", "12/25/26", "12/25", "12-25-2026"; month first, unless it cannot be. */
static Found
date_numeric (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  const VaEntityToken *a = va_entity_token_at (in, i), *s1 = va_entity_token_at (in, i + 1);
  const VaEntityToken *b = va_entity_token_at (in, i + 2), *s2 = va_entity_token_at (in, i + 3);
  const VaEntityToken *c = va_entity_token_at (in, i + 4);
  int year = 0;

  if (!va_entity_is_small_integer (a, 2) || !va_entity_is_small_integer (b, 2) || s1 == NULL ||
      s1->kind != VA_ENTITY_TOKEN_SYMBOL || (s1->symbol != '/' && s1->symbol != '-') ||
      s1->spaced || b->spaced)
    return FOUND_NONE;
  if (va_entity_is_symbol (s2, s1->symbol) && !s2->spaced && c != NULL && !c->spaced &&
      va_entity_is_small_integer (c, 4) && (c->int_digits == 2 || c->int_digits == 4))
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
day_at (VaEntityInput *in, guint i, int *day, guint *end)
{
  const VaEntityToken *t = va_entity_token_at (in, i);

  if (va_entity_ordinal_at (in, i, day, end))
    return TRUE;
  if (va_entity_is_small_integer (t, 2) &&
      !va_entity_is_symbol (va_entity_token_at (in, i + 1), ':'))
    {
      *day = (int) t->value;
      *end = i + 1;
      return TRUE;
    }
  return FALSE;
}

/* An optional year after a date: ", 2026". */
static gboolean
year_at (VaEntityInput *in, guint i, int *year, guint *end)
{
  const VaEntityToken *t;

  if (va_entity_is_symbol (va_entity_token_at (in, i), ','))
    i++;
  t = va_entity_token_at (in, i);
  if (!va_entity_is_small_integer (t, 4) || t->int_digits != 4 ||
      va_entity_is_symbol (va_entity_token_at (in, i + 1), ':'))
    return FALSE;
  *year = (int) t->value;
  *end = i + 1;
  return TRUE;
}

static Found
set_month_day (VaEntityInput *in, GDate *date, int month, int day, guint j, guint *end)
{
  int year;

  if (year_at (in, j, &year, end))
    return set_date (date, year, month, day);
  *end = j;
  return set_next_date (in, date, month, day);
}

/* "December 25th", "Dec. 25, 2026", "March the 3rd". */
static Found
date_month_first (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int month, day;
  guint j;

  if (!va_entity_match_table (in, i, in->words->months, &month, &j))
    return FOUND_NONE;
  if (va_entity_is_symbol (va_entity_token_at (in, j), '.'))
    j++;
  if (va_entity_is_word (va_entity_token_at (in, j), in->words->the))
    j++;
  if (!day_at (in, j, &day, &j))
    return FOUND_NONE;
  return set_month_day (in, date, month, day, j, end);
}

/* "25 December 2026", "the 3rd of March". */
static Found
date_day_first (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int month, day;
  guint j = i;

  if (va_entity_is_word (va_entity_token_at (in, j), in->words->the))
    j++;
  if (!day_at (in, j, &day, &j))
    return FOUND_NONE;
  if (va_entity_is_word (va_entity_token_at (in, j), in->words->of))
    j++;
  if (!va_entity_match_table (in, j, in->words->months, &month, &j))
    return FOUND_NONE;
  if (va_entity_is_symbol (va_entity_token_at (in, j), '.'))
    j++;
  return set_month_day (in, date, month, day, j, end);
}

/* "on the 25th", "the 3rd": the next such day of a month. */
static Found
date_day_only (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int day;
  guint j = i;

  if (va_entity_is_word (va_entity_token_at (in, j), in->words->on))
    j++;
  if (va_entity_is_word (va_entity_token_at (in, j), in->words->the))
    j++;
  if (j == i || !va_entity_ordinal_at (in, j, &day, end))
    return FOUND_NONE;
  if (va_entity_is_word (va_entity_token_at (in, *end), in->words->of) ||
      va_entity_match_table (in, *end, in->words->months, NULL, NULL))
    return FOUND_NONE; /* "on the 3rd of March": a full date, found from "the" */
  return set_next_day (in, date, day);
}

typedef Found (*DateFunc) (VaEntityInput *in, guint i, GDate *date, guint *end);

static const DateFunc explicit_date_funcs[] = {
  date_iso, date_numeric, date_dotted, date_month_first, date_day_first,
};

static Found
date_explicit (VaEntityInput *in, guint i, GDate *date, guint *end)
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
date_weekday (VaEntityInput *in, guint i, GDate *date, guint *end)
{
  int weekday;
  guint j, weekday_end;
  Found found;

  if (!va_entity_match_table (in, i, in->words->weekdays, &weekday, &weekday_end))
    return FOUND_NONE;
  j = weekday_end;
  if (va_entity_is_symbol (va_entity_token_at (in, j), ','))
    j++;
  found = date_explicit (in, j, date, end);
  if (found == FOUND_NONE)
    found = date_day_only (in, j, date, end); /* "friday the 4th" */
  if (found != FOUND_NONE)
    return found;
  *end = weekday_end;
  return set_weekday (in, date, weekday, VA_ENTITY_MOD_THIS);
}

static const DateFunc date_funcs[] = {
  date_relative, date_offset, date_modified, date_weekday, date_explicit, date_day_only,
};

gboolean
va_entity_extract_date (VaEntityInput *in, char **value)
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
/* Times                                                                                      */
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
clock_at (VaEntityInput *in, guint i, ClockTime *clock)
{
  const VaEntityToken *t = va_entity_token_at (in, i);
  VaEntityNumberSpan span, minutes;

  memset (clock, 0, sizeof *clock);
  if (t != NULL && t->kind == VA_ENTITY_TOKEN_NUMBER)
    {
      if (t->grouped || t->int_digits > 2 || (t->frac_digits != 0 && t->frac_digits != 2))
        return FALSE;
      clock->hour = floor (t->value);
      clock->minute = round ((t->value - clock->hour) * 100);
      clock->decimal = t->frac_digits == 2;
      clock->end = i + 1;
      if (!clock->decimal && va_entity_is_symbol (va_entity_token_at (in, i + 1), ':') &&
          va_entity_is_small_integer (va_entity_token_at (in, i + 2), 2) &&
          va_entity_token_at (in, i + 2)->int_digits == 2 &&
          !va_entity_token_at (in, i + 1)->spaced && !va_entity_token_at (in, i + 2)->spaced)
        {
          clock->minute = va_entity_token_at (in, i + 2)->value;
          clock->colon = TRUE;
          clock->end = i + 3;
          if (va_entity_is_symbol (va_entity_token_at (in, i + 3), ':') &&
              va_entity_is_small_integer (va_entity_token_at (in, i + 4), 2))
            clock->end = i + 5; /* seconds */
        }
      return TRUE;
    }
  if (!va_entity_number_words_at (in, i, &span) || !va_entity_is_integral (span.value) ||
      span.value > 24)
    return FALSE;
  clock->hour = span.value;
  clock->end = span.end;
  if (va_entity_number_words_at (in, span.end, &minutes) && minutes.value >= 10 &&
      minutes.value < 60)
    {
      clock->minute = minutes.value; /* "three thirty" */
      clock->end = minutes.end;
    }
  return TRUE;
}

static Found
set_time (int *minutes, double hour, double minute, int meridiem)
{
  if (!va_entity_is_integral (hour) || !va_entity_is_integral (minute) || minute < 0 ||
      minute > 59 || hour < 0)
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
time_clock (VaEntityInput *in, guint i, int *minutes, guint *end)
{
  const VaEntityWords *w = in->words;
  ClockTime clock;
  int meridiem = -1, period = -1;
  gboolean marked, plain;
  guint j;

  if (!clock_at (in, i, &clock))
    return FOUND_NONE;
  j = clock.end;
  va_entity_match_table (in, j, w->meridiems, &meridiem, &j);
  marked = clock.colon || meridiem >= 0 || va_entity_match_table (in, j, w->oclock, NULL, &j);
  if (meridiem < 0 && va_entity_match_table (in, j, w->periods, &period, &j))
    {
      marked = TRUE;
      if (clock.hour < 12)
        clock.hour += period;
    }
  /* A bare number is a time only where nothing else can be meant: "at 9", or the answer "9". */
  plain = (i > 0 && va_entity_is_word (va_entity_token_at (in, i - 1), w->time_prepositions)) ||
          va_entity_is_whole_message (in, i, j);
  if (!marked && !plain)
    return FOUND_NONE;
  *end = j;
  return set_time (minutes, clock.hour, clock.minute, meridiem);
}

/* "noon", "midnight", "now". */
static Found
time_named (VaEntityInput *in, guint i, int *minutes, guint *end)
{
  if (!va_entity_match_table (in, i, in->words->named_times, minutes, end))
    return FOUND_NONE;
  if (*minutes < 0)
    *minutes = in->now_minutes;
  return FOUND_OK;
}

/* "half past 3", "quarter to five pm". */
static Found
time_past_to (VaEntityInput *in, guint i, int *minutes, guint *end)
{
  ClockTime clock;
  int offset, meridiem = -1;
  guint j;
  Found found;

  if (!va_entity_match_table (in, i, in->words->past_to, &offset, &j) ||
      !clock_at (in, j, &clock) || clock.colon || clock.decimal || clock.minute != 0)
    return FOUND_NONE;
  j = clock.end;
  va_entity_match_table (in, j, in->words->meridiems, &meridiem, &j);
  *end = j;
  found = set_time (minutes, clock.hour, 0, meridiem);
  if (found == FOUND_OK)
    *minutes = (*minutes + offset + 24 * 60) % (24 * 60);
  return found;
}

typedef Found (*TimeFunc) (VaEntityInput *in, guint i, int *minutes, guint *end);

static const TimeFunc time_funcs[] = { time_named, time_past_to, time_clock };

gboolean
va_entity_extract_time (VaEntityInput *in, char **value)
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
