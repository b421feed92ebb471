/* va-end-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_END_NODE (va_end_node_get_type ())
G_DECLARE_FINAL_TYPE (VaEndNode, va_end_node, VA, END_NODE, VaNode)

VaEndNode *va_end_node_new (const char *id);
gboolean va_end_node_get_survey (VaEndNode *self);
void va_end_node_set_survey (VaEndNode *self, gboolean survey);

G_END_DECLS
