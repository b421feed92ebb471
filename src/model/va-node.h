/* va-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_NODE (va_node_get_type ())
G_DECLARE_DERIVABLE_TYPE (VaNode, va_node, VA, NODE, GObject)

/**
 * VaPort:
 * @owner: the object that holds the target id: the node, one of its choices or branches
 * @property: the name of @owner's string property that holds the target node id
 * @label: (nullable): a label for the branch, shown on the canvas
 *
 * An outgoing edge slot of a node. Connecting sets @property of @owner.
 */
typedef struct
{
  GObject *owner;
  const char *property;
  char *label;
} VaPort;

struct _VaNodeClass
{
  GObjectClass parent_class;

  VaNodeKind kind;
  /* whether the node continues with its "next" property */
  gboolean has_next;

  void (*list_ports) (VaNode    *self,
                      GPtrArray *ports);
};

VaNode      *va_node_new_for_kind   (VaNodeKind  kind,
                                     const char *id);
VaNodeKind   va_node_get_kind       (VaNode     *self);
const char  *va_node_kind_to_string (VaNodeKind  kind);
gboolean     va_node_kind_from_string (const char *str,
                                       VaNodeKind *kind);
const char  *va_node_kind_get_display_name (VaNodeKind kind);
const char  *va_node_get_id         (VaNode     *self);
int          va_node_get_x          (VaNode     *self);
int          va_node_get_y          (VaNode     *self);
void         va_node_set_position   (VaNode     *self,
                                     int         x,
                                     int         y);
const char  *va_node_get_next       (VaNode     *self);
void         va_node_set_next       (VaNode     *self,
                                     const char *next);
gboolean     va_node_has_next       (VaNode     *self);
GPtrArray   *va_node_list_ports     (VaNode     *self);

VaPort      *va_port_new            (gpointer    owner,
                                     const char *property,
                                     const char *label);
void         va_port_free           (VaPort     *port);
const char  *va_port_get_target     (const VaPort *port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaPort, va_port_free)

G_END_DECLS
