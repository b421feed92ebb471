/* va-transfer-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_TRANSFER_NODE (va_transfer_node_get_type ())
G_DECLARE_FINAL_TYPE (VaTransferNode, va_transfer_node, VA, TRANSFER_NODE, VaNode)

VaTransferNode *va_transfer_node_new (const char *id);
const char *va_transfer_node_get_agent_message (VaTransferNode *self);
void va_transfer_node_set_agent_message (VaTransferNode *self, const char *agent_message);

G_END_DECLS
