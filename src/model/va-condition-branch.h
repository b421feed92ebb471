/* va-condition-branch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_CONDITION_BRANCH (va_condition_branch_get_type ())
G_DECLARE_FINAL_TYPE (VaConditionBranch, va_condition_branch, VA, CONDITION_BRANCH, GObject)

VaConditionBranch *va_condition_branch_new (void);
VaJoin va_condition_branch_get_join (VaConditionBranch *self);
void va_condition_branch_set_join (VaConditionBranch *self, VaJoin join);
const char *va_condition_branch_get_next (VaConditionBranch *self);
void va_condition_branch_set_next (VaConditionBranch *self, const char *next);
GListModel *va_condition_branch_get_clauses (VaConditionBranch *self);

G_END_DECLS
