/* va-entity-extract.h — find entity values (prebuilt and custom) in a user's message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-bot.h"
#include "va-entity.h"

G_BEGIN_DECLS

/* Normalised values: numbers in C-locale shortest form without trailing zeros ("42", "-3.5",
 * "1234.5"), booleans "true"/"false", dates ISO 8601 "YYYY-MM-DD", times "HH:MM" (24 h), money
 * the amount as a number ("12.5"), percentage the number ("15" for 15 %), age in years ("30"),
 * phone digits with a leading + when the user gave a country code ("+14255550100", else
 * "4255550100"), email as found with the domain lower-cased, URL as found (scheme added as
 * "https://" when missing, e.g. "www.x.org"), text the whole message trimmed. Values are found
 * inside a longer message too: "I'd like 3 please" -> number "3"; "my mail is Bob@Example.COM
 * thanks" -> "Bob@example.com".
 * name: one of va_entity_list_prebuilt(); now: for relative dates, NULL = now, local. */
gboolean       va_entity_extract_prebuilt (const char  *name,
                                           const char  *text,
                                           GDateTime   *now,
                                           char       **value);

/* Closed list: the item whose value or a synonym occurs in text (case-, accent- and
 * punctuation-insensitive, whole words, longest match wins; value = the item's value). Regex:
 * the first non-empty match of the pattern (value = the matched text). Bounded time on any
 * pattern and text. */
gboolean       va_entity_extract_custom   (VaEntity    *entity,
                                           const char  *text,
                                           char       **value);

/* entity: a prebuilt name, or the id of one of bot's custom entities. FALSE when nothing found
 * or the entity is unknown. */
gboolean       va_entity_extract          (VaBot       *bot,
                                           const char  *entity,
                                           const char  *text,
                                           GDateTime   *now,
                                           char       **value);

/* The variable type that an entity's values have: number/integer/money/percentage/age ->
 * NUMBER, boolean -> BOOLEAN, date -> DATE, custom list -> CHOICE, everything else STRING. */
VaVariableType va_entity_value_type       (VaBot       *bot,
                                           const char  *entity);

/* Multiple-choice answers: which of n options the text picks (labels and, per option, an
 * optional NULL-terminated synonyms vector; synonyms may be NULL). In this order: the whole text
 * is a label or synonym; the option's number ("2") or an ordinal ("second", "the 2nd one",
 * "last"); a label or synonym as whole words in the text (the longest wins; two different
 * options -> -1); one typo (Damerau-Levenshtein 1, words of 5+ letters) when only one option
 * fits. Returns the index or -1. */
int            va_entity_match_choice     (const char                  *text,
                                           guint                        n_options,
                                           const char * const          *labels,
                                           const char * const * const  *synonyms);

G_END_DECLS
