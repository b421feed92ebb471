/* va-escalate-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_ESCALATE_NODE (va_escalate_node_get_type ())
G_DECLARE_FINAL_TYPE (VaEscalateNode, va_escalate_node, VA, ESCALATE_NODE, VaNode)

VaEscalateNode *va_escalate_node_new (const char *id);

G_END_DECLS
