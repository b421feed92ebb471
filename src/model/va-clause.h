/* va-clause.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_CLAUSE (va_clause_get_type ())
G_DECLARE_FINAL_TYPE (VaClause, va_clause, VA, CLAUSE, GObject)

VaClause *va_clause_new (void);
const char *va_clause_get_variable (VaClause *self);
void va_clause_set_variable (VaClause *self, const char *variable);
VaOperator va_clause_get_operator (VaClause *self);
void va_clause_set_operator (VaClause *self, VaOperator operator);
const char *va_clause_get_value (VaClause *self);
void va_clause_set_value (VaClause *self, const char *value);

G_END_DECLS
