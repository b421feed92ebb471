/* va-variable.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_VARIABLE (va_variable_get_type ())
G_DECLARE_FINAL_TYPE (VaVariable, va_variable, VA, VARIABLE, GObject)

VaVariable *va_variable_new (void);
const char *va_variable_get_name (VaVariable *self);
void va_variable_set_name (VaVariable *self, const char *name);
VaVariableScope va_variable_get_scope (VaVariable *self);
void va_variable_set_scope (VaVariable *self, VaVariableScope scope);
VaVariableType va_variable_get_data_type (VaVariable *self);
void va_variable_set_data_type (VaVariable *self, VaVariableType data_type);
const char *va_variable_get_description (VaVariable *self);
void va_variable_set_description (VaVariable *self, const char *description);

G_END_DECLS
