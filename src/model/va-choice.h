/* va-choice.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_CHOICE (va_choice_get_type ())
G_DECLARE_FINAL_TYPE (VaChoice, va_choice, VA, CHOICE, GObject)

VaChoice *va_choice_new (void);
const char *va_choice_get_label (VaChoice *self);
void va_choice_set_label (VaChoice *self, const char *label);
const char * const *va_choice_get_synonyms (VaChoice *self);
void va_choice_set_synonyms (VaChoice *self, const char * const *synonyms);
const char *va_choice_get_next (VaChoice *self);
void va_choice_set_next (VaChoice *self, const char *next);

G_END_DECLS
