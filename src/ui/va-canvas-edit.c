/* va-canvas-edit.c — the canvas's edits of the document, each one undo step
 *
 * Move, connect and disconnect, insert and add, delete. The clipboard and
 * duplicating are in va-canvas-clipboard.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "va-canvas-private.h"

#define INSERT_GAP 70.0

/* ---- move, connect ------------------------------------------------------------------------ */

void
va_canvas_commit_move (VaCanvas *self,
                       double    dx,
                       double    dy)
{
  int ix = (int) lround (dx), iy = (int) lround (dy);
  VaHistory *history = va_canvas_ensure_history (self);

  if (ix == 0 && iy == 0)
    return;

  va_history_begin (history, _("Move Nodes"));
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        va_history_set (history, card->node,
                        "x", va_node_get_x (card->node) + ix,
                        "y", va_node_get_y (card->node) + iy,
                        NULL);
    }
  va_history_end (history);
}

gboolean
va_canvas_connect (VaCanvas     *self,
                   VaCanvasCard *source,
                   guint         port,
                   VaCanvasCard *target)
{
  VaHistory *history = va_canvas_ensure_history (self);
  VaPort *p;
  const char *target_id;

  if (source == NULL || target == NULL || port >= source->ports->len)
    return FALSE;
  p = g_ptr_array_index (source->ports, port);
  target_id = va_node_get_id (target->node);
  if (g_strcmp0 (va_port_get_target (p), target_id) == 0)
    return FALSE;

  va_history_begin (history, _("Connect Nodes"));
  va_history_set (history, p->owner, p->property, target_id, NULL);
  va_history_end (history);
  return TRUE;
}

/* Clears where a port leads; one undo step. */
gboolean
va_canvas_disconnect (VaCanvas     *self,
                      VaCanvasCard *source,
                      guint         port)
{
  VaHistory *history = va_canvas_ensure_history (self);
  VaPort *p;

  if (source == NULL || port >= source->ports->len)
    return FALSE;
  p = g_ptr_array_index (source->ports, port);
  if (va_port_get_target (p) == NULL)
    return FALSE;

  va_history_begin (history, _("Delete Connection"));
  va_history_set (history, p->owner, p->property, NULL, NULL);
  va_history_end (history);
  return TRUE;
}

/* ---- insert ------------------------------------------------------------------------------- */

static gboolean
overlaps_any (VaCanvas *self,
              double    x,
              double    y,
              double    w,
              double    h)
{
  const double margin = 20;

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (x < card->x + card->w + margin && card->x < x + w + margin &&
          y < card->y + card->h + margin && card->y < y + h + margin)
        return TRUE;
    }
  return FALSE;
}

/* The cards reachable from @from, without @except, that lie at or below @from: what moves down
 * to make room above @from. */
static GPtrArray *
cards_below (VaCanvas     *self,
             VaCanvasCard *from,
             VaCanvasCard *except)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_ptr_array_add (result, from);
  g_hash_table_add (seen, from);
  for (guint q = 0; q < result->len; q++)
    {
      VaCanvasCard *card = g_ptr_array_index (result, q);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target == NULL || target == except || target->y < from->y ||
              g_hash_table_contains (seen, target))
            continue;
          g_hash_table_add (seen, target);
          g_ptr_array_add (result, target);
        }
    }
  return result;
}

/* The port a new node continues with: "next" when it has one, else its last port (a
 * condition's "all other conditions"). */
static VaPort *
continuation_port (GPtrArray *ports)
{
  for (guint i = 0; i < ports->len; i++)
    {
      VaPort *port = g_ptr_array_index (ports, i);

      if (g_str_equal (port->property, "next") && VA_IS_NODE (port->owner))
        return port;
    }
  return ports->len > 0 ? g_ptr_array_index (ports, ports->len - 1) : NULL;
}

static VaNode *
insert (VaCanvas               *self,
        VaCanvasCard           *source,
        int                     port,
        VaNodeKind              kind,
        const graphene_point_t *at)
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autofree char *id = NULL;
  g_autofree char *old_target = NULL;
  g_autoptr(VaNode) node = NULL;
  g_autoptr(GPtrArray) new_ports = NULL;
  g_autoptr(GPtrArray) shifted = NULL;
  g_autoptr(GObject) owner = NULL;
  const char *property = NULL;
  VaCanvasCard *target = NULL, *card;
  double w, h, x, y, shift = 0;

  if (self->topic == NULL)
    return NULL;
  va_canvas_update_geometry (self);

  if (source != NULL && port < 0)
    {
      for (guint i = 0; i < source->ports->len && port < 0; i++)
        if (va_port_get_target (g_ptr_array_index (source->ports, i)) == NULL)
          port = (int) i;
      if (port < 0 && source->ports->len > 0)
        port = 0;
    }

  id = va_topic_make_node_id (self->topic);
  node = va_node_new_for_kind (kind, id);
  va_canvas_node_size (node, &w, &h);

  if (source != NULL && port >= 0 && (guint) port < source->edges->len)
    {
      VaCanvasEdge *edge = &g_array_index (source->edges, VaCanvasEdge, port);

      owner = g_object_ref (edge->port->owner);
      property = edge->port->property;
      old_target = g_strdup (va_port_get_target (edge->port));
      target = edge->target;
      x = edge->sx - w / 2;
      y = edge->sy + INSERT_GAP;
    }
  else if (source != NULL)
    {
      x = source->x + (source->w - w) / 2;
      y = source->y + source->h + INSERT_GAP;
    }
  else if (at != NULL)
    {
      x = at->x - w / 2;
      y = at->y - h / 2;
    }
  else
    {
      x = va_canvas_to_model_x (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) - w / 2;
      y = va_canvas_to_model_y (self, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) - h / 2;
    }

  if (target != NULL && target != source)
    {
      /* Between two cards: the new one goes on to the old target, and what hangs below the
       * target moves down if it does not fit in between. */
      new_ports = va_node_list_ports (node);
      if (continuation_port (new_ports) != NULL)
        {
          VaPort *p = continuation_port (new_ports);

          g_object_set (p->owner, p->property, old_target, NULL);
        }
      if (target->y < y + h + INSERT_GAP)
        {
          shift = y + h + INSERT_GAP - target->y;
          shifted = cards_below (self, target, source);
        }
    }
  else
    {
      if (target != NULL && continuation_port (new_ports = va_node_list_ports (node)) != NULL)
        {
          VaPort *p = continuation_port (new_ports);

          /* A port that loops back to its own card keeps the loop through the new node. */
          g_object_set (p->owner, p->property, old_target, NULL);
        }
      /* Free space near the wished place: step sideways, then down. */
      for (guint tries = 0; tries < 40 && overlaps_any (self, x, y, w, h); tries++)
        {
          if (tries % 8 == 7)
            {
              x -= 7 * (VA_CANVAS_CARD_WIDTH / 2 + 20);
              y += VA_CANVAS_CARD_HEIGHT + 40;
            }
          else
            x += VA_CANVAS_CARD_WIDTH / 2 + 20;
        }
    }
  va_node_set_position (node, (int) lround (x), (int) lround (y));

  va_history_begin (history, _("Add Node"));
  va_history_append (history, va_topic_get_nodes (self->topic), node);
  if (owner != NULL)
    va_history_set (history, owner, property, id, NULL);
  for (guint i = 0; shifted != NULL && i < shifted->len; i++)
    {
      VaCanvasCard *below = g_ptr_array_index (shifted, i);

      va_history_set (history, below->node, "y", va_node_get_y (below->node) + (int) ceil (shift), NULL);
    }
  if (va_topic_get_start (self->topic) == NULL)
    va_history_set (history, self->topic, "start", id, NULL);
  va_history_end (history);

  card = va_canvas_card_for_node (self, node);
  if (card != NULL)
    {
      va_canvas_select_only (self, card);
      va_canvas_ensure_visible (self, card);
    }
  return node;
}

/**
 * va_canvas_insert:
 * @self: a canvas
 * @source: (nullable): the card to insert after
 * @port: the port of @source, or -1 for its first free port (else its first one)
 * @kind: the kind of node to create
 *
 * Creates a node with a new id where the port leads: the port now goes to the new node and
 * the new node goes on to where the port went. Cards below move down when there is no room.
 * Without @source the node lands in the middle of the view. One undo step.
 *
 * Returns: (transfer none) (nullable): the new node
 */
VaNode *
va_canvas_insert (VaCanvas     *self,
                  VaCanvasCard *source,
                  int           port,
                  VaNodeKind    kind)
{
  return insert (self, source, port, kind, NULL);
}

/**
 * va_canvas_add_at:
 * @self: a canvas
 * @kind: the kind of node to create
 * @x: where, in model units: the middle of the new card
 * @y:
 *
 * Creates a node, connected to nothing, centred on a point (or beside it when a card is
 * there already). One undo step.
 *
 * Returns: (transfer none) (nullable): the new node
 */
VaNode *
va_canvas_add_at (VaCanvas   *self,
                  VaNodeKind  kind,
                  double      x,
                  double      y)
{
  return insert (self, NULL, -1, kind, &GRAPHENE_POINT_INIT (x, y));
}

/* ---- delete ------------------------------------------------------------------------------- */

typedef struct
{
  GObject    *owner;
  const char *property;
} Link;

static void
link_clear (Link *link)
{
  g_clear_object (&link->owner);
}

/* Where the topic starts once its start node is gone: where the old start led, else a
 * node nothing leads to, else any node. */
static const char *
next_start (VaCanvas     *self,
            VaCanvasCard *old_start)
{
  g_autoptr(GHashTable) has_parent = g_hash_table_new (NULL, NULL);

  for (guint j = 0; j < old_start->edges->len; j++)
    {
      VaCanvasCard *target = g_array_index (old_start->edges, VaCanvasEdge, j).target;

      if (target != NULL && !target->selected)
        return va_node_get_id (target->node);
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        continue;
      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target != NULL && target != card)
            g_hash_table_add (has_parent, target);
        }
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected && !g_hash_table_contains (has_parent, card))
        return va_node_get_id (card->node);
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected)
        return va_node_get_id (card->node);
    }
  return NULL;
}

/* Removes the selected nodes and every edge that led to them; one undo step. */
void
va_canvas_delete_selection (VaCanvas *self)
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *start = NULL;
  VaCanvasCard *start_card;

  if (self->topic == NULL || gtk_widget_get_visible (self->popover))
    return;
  va_canvas_update_geometry (self);
  g_array_set_clear_func (links, (GDestroyNotify) link_clear);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (card->selected)
        {
          g_array_append_val (positions, i);
          continue;
        }
      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasEdge *e = &g_array_index (card->edges, VaCanvasEdge, j);

          if (e->target != NULL && e->target->selected)
            {
              Link link = { g_object_ref (e->port->owner), e->port->property };

              g_array_append_val (links, link);
            }
        }
    }
  if (positions->len == 0)
    return;

  start_card = va_canvas_find_card (self, va_topic_get_start (self->topic));
  if (start_card != NULL && start_card->selected)
    start = g_strdup (next_start (self, start_card));
  else
    start_card = NULL;

  /* Clearing edges changes cards' ports: everything was collected first. */
  va_history_begin (history, ngettext ("Delete Node", "Delete Nodes", positions->len));
  for (guint i = 0; i < links->len; i++)
    {
      Link *link = &g_array_index (links, Link, i);

      va_history_set (history, link->owner, link->property, NULL, NULL);
    }
  if (start_card != NULL)
    va_history_set (history, self->topic, "start", start, NULL);
  for (guint i = positions->len; i-- > 0;)
    va_history_remove (history, va_topic_get_nodes (self->topic), g_array_index (positions, guint, i));
  va_history_end (history);

  va_canvas_clear_selection (self);
}
