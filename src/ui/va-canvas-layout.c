/* va-canvas-layout.c — card and edge geometry, the tidy layout, zoom to fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "va-canvas-private.h"

#define TIDY_GAP_X  40.0
#define TIDY_GAP_Y  90.0

/* ---- geometry ----------------------------------------------------------------------------- */

static double
port_offset (VaCanvasCard *card,
             guint         index)
{
  if (!card->has_strip || card->edges->len == 0)
    return card->w / 2;
  return (index + 0.5) * card->w / card->edges->len;
}

/* The point of an edge's curve at @t, from 0 (the port) to 1 (the arrow's tip). */
void
va_canvas_edge_point (const VaCanvasEdge *e,
                      double              t,
                      double             *x,
                      double             *y)
{
  double u = 1 - t;

  *x = u * u * u * e->sx + 3 * u * u * t * e->c1x + 3 * u * t * t * e->c2x + t * t * t * e->tx;
  *y = u * u * u * e->sy + 3 * u * u * t * e->c1y + 3 * u * t * t * e->c2y + t * t * t * e->ty;
}

static void
update_edge (VaCanvas     *self,
             VaCanvasCard *card,
             VaCanvasEdge *e)
{
  const char *target_id = va_port_get_target (e->port);
  double x0, y0, x1, y1;

  e->target = va_canvas_find_card (self, target_id);
  e->dangling = target_id != NULL && e->target == NULL;
  e->sx = card->x + port_offset (card, e->index);
  e->sy = card->y + card->h;

  if (e->target != NULL)
    {
      double dy;

      e->tx = e->target->x + e->target->w / 2;
      e->ty = e->target->y;
      dy = e->ty - e->sy;
      if (dy >= 60)
        {
          e->c1x = e->sx;
          e->c1y = e->sy + dy / 2;
          e->c2x = e->tx;
          e->c2y = e->ty - dy / 2;
        }
      else
        {
          /* Back to a card above (a loop): leave downwards, come in from above. */
          double k = 80 + MIN (fabs (dy), 600) * 0.25;

          e->c1x = e->sx;
          e->c1y = e->sy + k;
          e->c2x = e->tx;
          e->c2y = e->ty - k;
        }
      va_canvas_edge_point (e, 0.5, &e->px, &e->py);
    }
  else
    {
      e->tx = e->c1x = e->c2x = e->sx;
      e->ty = e->c1y = e->c2y = e->sy + VA_CANVAS_STUB_LENGTH;
      e->px = e->sx;
      e->py = e->ty + VA_CANVAS_PLUS_RADIUS;
    }

  /* A cubic stays inside the hull of its control points. */
  x0 = MIN (MIN (e->sx, e->tx), MIN (e->c1x, e->c2x));
  x1 = MAX (MAX (e->sx, e->tx), MAX (e->c1x, e->c2x));
  y0 = MIN (MIN (e->sy, e->ty), MIN (e->c1y, e->c2y));
  y1 = MAX (MAX (e->sy, e->ty), MAX (e->c1y, e->c2y));
  x0 = MIN (x0, e->px - VA_CANVAS_PLUS_RADIUS) - 8;
  y0 = MIN (y0, e->py - VA_CANVAS_PLUS_RADIUS) - 8;
  x1 = MAX (x1, e->px + VA_CANVAS_PLUS_RADIUS) + 8;
  y1 = MAX (y1, e->py + VA_CANVAS_PLUS_RADIUS) + 8;
  graphene_rect_init (&e->bounds, x0, y0, x1 - x0, y1 - y0);
}

static gboolean
plus_collides (VaCanvasCard *card,
               VaCanvasEdge *edge)
{
  for (guint j = 0; j < card->edges->len; j++)
    {
      VaCanvasEdge *other = &g_array_index (card->edges, VaCanvasEdge, j);

      if (other != edge && hypot (other->px - edge->px, other->py - edge->py) < 2.4 * VA_CANVAS_PLUS_RADIUS)
        return TRUE;
    }
  return FALSE;
}

/* Edges leaving a card side by side may put their "+" on top of each other (or of a free
 * port's "+"): slide a colliding one along its curve. */
static void
separate_plus_buttons (VaCanvasCard *card)
{
  static const double ts[] = { 0.62, 0.38, 0.74, 0.26, 0.84 };

  for (guint j = 0; j < card->edges->len; j++)
    {
      VaCanvasEdge *edge = &g_array_index (card->edges, VaCanvasEdge, j);

      if (edge->target == NULL || !plus_collides (card, edge))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (ts); k++)
        {
          va_canvas_edge_point (edge, ts[k], &edge->px, &edge->py);
          if (!plus_collides (card, edge))
            break;
        }
    }
}

/* Positions come from the model, plus the offset of a move in progress; sizes from the ports. */
void
va_canvas_update_geometry (VaCanvas *self)
{
  gboolean moving = self->drag == VA_CANVAS_DRAG_MOVE && self->dragging;

  va_canvas_ensure_index (self);
  if (!self->geometry_dirty)
    return;

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);
      guint n = card->edges->len;

      card->x = va_node_get_x (card->node);
      card->y = va_node_get_y (card->node);
      if (moving && card->selected)
        {
          card->x += self->move_dx;
          card->y += self->move_dy;
        }
      card->w = card->has_strip ? MAX (VA_CANVAS_CARD_WIDTH, n * VA_CANVAS_PORT_WIDTH)
                                : VA_CANVAS_CARD_WIDTH;
      card->h = VA_CANVAS_CARD_HEIGHT + (card->has_strip ? VA_CANVAS_STRIP_HEIGHT : 0);
    }

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      for (guint j = 0; j < card->edges->len; j++)
        update_edge (self, card, &g_array_index (card->edges, VaCanvasEdge, j));
      separate_plus_buttons (card);
    }

  self->geometry_dirty = FALSE;
}

gboolean
va_canvas_get_bounds (VaCanvas        *self,
                      graphene_rect_t *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (self->cards->len == 0)
    return FALSE;

  va_canvas_update_geometry (self);
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      x0 = MIN (x0, card->x);
      y0 = MIN (y0, card->y - 30); /* the start pill */
      x1 = MAX (x1, card->x + card->w);
      y1 = MAX (y1, card->y + card->h + VA_CANVAS_STUB_LENGTH + 2 * VA_CANVAS_PLUS_RADIUS);
    }
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* Shows the whole graph, never larger than natural size. */
void
va_canvas_zoom_fit (VaCanvas *self)
{
  const double margin = 32;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t bounds;
  double zoom;

  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  if (!va_canvas_get_bounds (self, &bounds))
    {
      va_canvas_set_view (self, 1.0, width / 2.0, height / 3.0);
      return;
    }

  zoom = MIN ((width - 2 * margin) / bounds.size.width, (height - 2 * margin) / bounds.size.height);
  zoom = CLAMP (zoom, VA_CANVAS_MIN_ZOOM, 1.0);
  va_canvas_set_view (self, zoom,
                      width / 2.0 - (bounds.origin.x + bounds.size.width / 2) * zoom,
                      height / 2.0 - (bounds.origin.y + bounds.size.height / 2) * zoom);
}

/* Scrolls the least that shows the whole card (its top-left if it does not fit). */
void
va_canvas_ensure_visible (VaCanvas     *self,
                          VaCanvasCard *card)
{
  const double margin = 24;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1, dx = 0, dy = 0;

  if (card == NULL || width <= 0 || height <= 0 || self->fit_pending)
    return;

  va_canvas_update_geometry (self);
  x0 = va_canvas_to_widget_x (self, card->x);
  y0 = va_canvas_to_widget_y (self, card->y);
  x1 = va_canvas_to_widget_x (self, card->x + card->w);
  y1 = va_canvas_to_widget_y (self, card->y + card->h);

  if (x1 - x0 > width - 2 * margin || x0 < margin)
    dx = margin - x0;
  else if (x1 > width - margin)
    dx = width - margin - x1;
  if (y1 - y0 > height - 2 * margin || y0 < margin)
    dy = margin - y0;
  else if (y1 > height - margin)
    dy = height - margin - y1;

  if (dx != 0 || dy != 0)
    va_canvas_set_view (self, self->zoom, self->pan_x + dx, self->pan_y + dy);
}

/* ---- tidy --------------------------------------------------------------------------------- */

typedef struct
{
  guint   n;
  int    *layer;    /* breadth-first distance, unreachable parts after */
  int    *parent;   /* the card that reached it first, -1 for a root */
  guint  *order;    /* cards in discovery order */
  guint  *first;    /* children of card c: kids[first[c] .. first[c + 1]) */
  guint  *kids;
  double *x;        /* the card's left */
} Tidy;

static void
tidy_clear (Tidy *t)
{
  g_free (t->layer);
  g_free (t->parent);
  g_free (t->order);
  g_free (t->first);
  g_free (t->kids);
  g_free (t->x);
}

static VaCanvasCard *
card_at_index (VaCanvas *self,
               guint     index)
{
  return g_ptr_array_index (self->cards, index);
}

/* Breadth-first from the cards in order[head..*tail), in port order, so that a card's
 * children come in the order of the ports that lead to them. */
static void
bfs (VaCanvas *self,
     Tidy     *t,
     guint     head,
     guint    *tail)
{
  for (guint q = head; q < *tail; q++)
    {
      VaCanvasCard *card = card_at_index (self, t->order[q]);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target != NULL && t->layer[target->index] < 0)
            {
              t->layer[target->index] = t->layer[card->index] + 1;
              t->parent[target->index] = (int) card->index;
              t->order[(*tail)++] = target->index;
            }
        }
    }
}

static void
tidy_layers (VaCanvas *self,
             Tidy     *t)
{
  VaCanvasCard *start = self->topic != NULL ? va_canvas_find_card (self, va_topic_get_start (self->topic))
                                            : NULL;
  guint tail = 0;
  int max_layer = 0;

  for (guint i = 0; i < t->n; i++)
    {
      t->layer[i] = -1;
      t->parent[i] = -1;
    }
  if (start != NULL)
    {
      t->layer[start->index] = 0;
      t->order[tail++] = start->index;
      bfs (self, t, 0, &tail);
    }

  /* What the start does not reach goes below: first all the roots of the rest, side by side,
   * then whatever is left (cycles), one piece at a time. */
  while (tail < t->n)
    {
      g_autofree gboolean *has_parent = g_new0 (gboolean, t->n);
      guint head = tail;

      for (guint q = 0; q < tail; q++)
        max_layer = MAX (max_layer, t->layer[t->order[q]]);
      for (guint i = 0; i < t->n; i++)
        {
          VaCanvasCard *card = card_at_index (self, i);

          if (t->layer[i] >= 0)
            continue;
          for (guint j = 0; j < card->edges->len; j++)
            {
              VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

              if (target != NULL && target != card)
                has_parent[target->index] = TRUE;
            }
        }
      for (guint i = 0; i < t->n; i++)
        if (t->layer[i] < 0 && !has_parent[i])
          {
            t->layer[i] = tail > 0 ? max_layer + 1 : 0;
            t->order[tail++] = i;
          }
      if (tail == head)
        for (guint i = 0; i < t->n; i++)
          if (t->layer[i] < 0)
            {
              t->layer[i] = tail > 0 ? max_layer + 1 : 0;
              t->order[tail++] = i;
              break;
            }
      bfs (self, t, head, &tail);
    }
}

/* Children lists of the breadth-first forest, in discovery order. */
static void
tidy_children (Tidy *t)
{
  g_autofree guint *fill = g_new0 (guint, t->n + 1);

  for (guint i = 0; i < t->n; i++)
    if (t->parent[i] >= 0)
      t->first[t->parent[i] + 1]++;
  for (guint i = 0; i < t->n; i++)
    t->first[i + 1] += t->first[i];
  for (guint q = 0; q < t->n; q++)
    {
      guint c = t->order[q];
      int p = t->parent[c];

      if (p >= 0)
        t->kids[t->first[p] + fill[p]++] = c;
    }
}

/* The outline of a subtree: per level, its leftmost and rightmost extent, relative to its
 * root's centre plus offset. Levels are stored deepest first so that a parent adds its own
 * level at the end, and merging costs only the levels two subtrees share. */
typedef struct
{
  GArray *l;
  GArray *r;
  double  offset;
} Contour;

static void
contour_free (Contour *c)
{
  g_array_unref (c->l);
  g_array_unref (c->r);
  g_free (c);
}

static Contour *
contour_new (double half_width)
{
  Contour *c = g_new0 (Contour, 1);
  double l = -half_width, r = half_width;

  c->l = g_array_new (FALSE, FALSE, sizeof (double));
  c->r = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (c->l, l);
  g_array_append_val (c->r, r);
  return c;
}

#define LEFT_AT(c, d)  (g_array_index ((c)->l, double, (c)->l->len - 1 - (d)) + (c)->offset)
#define RIGHT_AT(c, d) (g_array_index ((c)->r, double, (c)->r->len - 1 - (d)) + (c)->offset)

/* How far right @c must go (from where it is) to clear @acc at every shared level. */
static double
contour_distance (Contour *acc,
                  Contour *c)
{
  guint common = MIN (acc->l->len, c->l->len);
  double shift = -G_MAXDOUBLE;

  for (guint d = 0; d < common; d++)
    shift = MAX (shift, RIGHT_AT (acc, d) - LEFT_AT (c, d) + TIDY_GAP_X);
  return shift;
}

/* Merges @c, moved right by @shift, into @acc; returns the merged outline (one of the two,
 * the other is freed). */
static Contour *
contour_merge (Contour *acc,
               Contour *c,
               double   shift)
{
  Contour *into, *from;
  guint common = MIN (acc->l->len, c->l->len);

  c->offset += shift;
  /* Keep the deeper one: its extra levels stay where they are. */
  if (c->l->len > acc->l->len)
    {
      into = c;
      from = acc;
    }
  else
    {
      into = acc;
      from = c;
    }
  for (guint d = 0; d < common; d++)
    {
      double l = MIN (LEFT_AT (into, d), LEFT_AT (from, d));
      double r = MAX (RIGHT_AT (into, d), RIGHT_AT (from, d));

      g_array_index (into->l, double, into->l->len - 1 - d) = l - into->offset;
      g_array_index (into->r, double, into->r->len - 1 - d) = r - into->offset;
    }
  contour_free (from);
  return into;
}

/* Packs the outlines of @members (consumed) side by side, left to right, as close as their
 * outlines allow; rel[] gets each one's centre relative to the middle of the row. Returns the
 * row's outline, centred. */
static Contour *
pack_row (Contour **contours,
          guint    *members,
          guint     n_members,
          double   *rel)
{
  Contour *acc = NULL;
  double mid;

  for (guint k = 0; k < n_members; k++)
    {
      Contour *c = contours[members[k]];

      contours[members[k]] = NULL;
      if (acc == NULL)
        {
          rel[members[k]] = 0;
          acc = c;
          continue;
        }
      rel[members[k]] = contour_distance (acc, c);
      acc = contour_merge (acc, c, rel[members[k]]);
    }
  mid = (rel[members[0]] + rel[members[n_members - 1]]) / 2;
  for (guint k = 0; k < n_members; k++)
    rel[members[k]] -= mid;
  acc->offset -= mid;
  return acc;
}

/* A tidy tree (Reingold–Tilford): children side by side in port order under their parent,
 * subtrees as close as their outlines allow at every level, the parent centred above. */
static void
tidy_place_forest (VaCanvas *self,
                   Tidy     *t)
{
  g_autofree Contour **contours = g_new0 (Contour *, t->n);
  g_autofree double *rel = g_new0 (double, t->n);
  g_autofree double *centre = g_new0 (double, t->n);
  g_autofree guint *roots = g_new (guint, t->n);

  for (guint q = t->n; q-- > 0;)
    {
      guint c = t->order[q];
      double half = card_at_index (self, c)->w / 2;
      guint n_kids = t->first[c + 1] - t->first[c];

      if (n_kids == 0)
        contours[c] = contour_new (half);
      else
        {
          Contour *row = pack_row (contours, t->kids + t->first[c], n_kids, rel);
          double l = -half - row->offset, r = half - row->offset;

          g_array_append_val (row->l, l);
          g_array_append_val (row->r, r);
          contours[c] = row;
        }
    }

  /* Roots that start in the same layer share a row, centred on 0. */
  for (guint q = 0; q < t->n;)
    {
      int row_layer = t->layer[t->order[q]];
      guint n_roots = 0, end = q;

      for (; end < t->n && t->layer[t->order[end]] == row_layer; end++)
        if (t->parent[t->order[end]] < 0)
          roots[n_roots++] = t->order[end];
      if (n_roots > 0)
        contour_free (pack_row (contours, roots, n_roots, rel));
      while (end < t->n && t->parent[t->order[end]] >= 0)
        end++;
      q = end;
    }

  for (guint q = 0; q < t->n; q++)
    {
      guint c = t->order[q];

      centre[c] = (t->parent[c] >= 0 ? centre[t->parent[c]] : 0) + rel[c];
      t->x[c] = centre[c] - card_at_index (self, c)->w / 2;
    }

  for (guint i = 0; i < t->n; i++)
    if (contours[i] != NULL)
      contour_free (contours[i]);
}

static void
collect_subtree (Tidy   *t,
                 guint   root,
                 GArray *out)
{
  g_array_set_size (out, 0);
  g_array_append_val (out, root);
  for (guint i = 0; i < out->len; i++)
    {
      guint c = g_array_index (out, guint, i);

      for (guint k = t->first[c]; k < t->first[c + 1]; k++)
        g_array_append_val (out, t->kids[k]);
    }
}

/* Where paths join (several cards lead to one), the tree put the card under the first of
 * them: move it, with its subtree if that is small, under the middle of all of them when that
 * space is free. Parents come before children, so each card sees its parents' final place. */
static void
tidy_center_joins (VaCanvas  *self,
                   Tidy      *t,
                   GPtrArray *layers)
{
  g_autofree guint *in_first = g_new0 (guint, t->n + 1);
  g_autofree guint *in_fill = g_new0 (guint, t->n);
  g_autofree guint *in_card = NULL;
  g_autofree guint *in_port = NULL;
  g_autofree gboolean *in_subtree = g_new0 (gboolean, t->n);
  g_autoptr(GArray) subtree = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_in = 0;

  /* Incoming edges from the layer above, per card. */
  for (guint u = 0; u < t->n; u++)
    {
      VaCanvasCard *card = card_at_index (self, u);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target != NULL && t->layer[target->index] == t->layer[u] + 1)
            {
              in_first[target->index + 1]++;
              n_in++;
            }
        }
    }
  for (guint v = 0; v < t->n; v++)
    in_first[v + 1] += in_first[v];
  in_card = g_new (guint, MAX (n_in, 1));
  in_port = g_new (guint, MAX (n_in, 1));
  for (guint u = 0; u < t->n; u++)
    {
      VaCanvasCard *card = card_at_index (self, u);

      for (guint j = 0; j < card->edges->len; j++)
        {
          VaCanvasCard *target = g_array_index (card->edges, VaCanvasEdge, j).target;

          if (target != NULL && t->layer[target->index] == t->layer[u] + 1)
            {
              guint slot = in_first[target->index] + in_fill[target->index]++;

              in_card[slot] = u;
              in_port[slot] = j;
            }
        }
    }

  for (guint q = 0; q < t->n; q++)
    {
      guint v = t->order[q];
      VaCanvasCard *card = card_at_index (self, v);
      double sum = 0, delta;
      gboolean room = TRUE;
      guint count = in_first[v + 1] - in_first[v];

      if (count < 2)
        continue;
      for (guint k = in_first[v]; k < in_first[v + 1]; k++)
        sum += t->x[in_card[k]] + port_offset (card_at_index (self, in_card[k]), in_port[k]);
      delta = sum / count - (t->x[v] + card->w / 2);
      if (fabs (delta) < 1)
        continue;

      collect_subtree (t, v, subtree);
      if (subtree->len > 64)
        continue;
      for (guint i = 0; i < subtree->len; i++)
        in_subtree[g_array_index (subtree, guint, i)] = TRUE;
      for (guint i = 0; i < subtree->len && room; i++)
        {
          guint u = g_array_index (subtree, guint, i);
          double x0 = t->x[u] + delta, x1 = x0 + card_at_index (self, u)->w;
          GArray *members = g_ptr_array_index (layers, t->layer[u]);

          for (guint m = 0; m < members->len && room; m++)
            {
              guint other = g_array_index (members, guint, m);

              if (!in_subtree[other] &&
                  x0 < t->x[other] + card_at_index (self, other)->w + TIDY_GAP_X &&
                  t->x[other] < x1 + TIDY_GAP_X)
                room = FALSE;
            }
        }
      for (guint i = 0; i < subtree->len; i++)
        {
          guint u = g_array_index (subtree, guint, i);

          in_subtree[u] = FALSE;
          if (room)
            t->x[u] += delta;
        }
    }
}

/* A layered layout: layers by breadth-first distance from the start node, what it does not
 * reach in layers after; within the layers a tidy tree of the breadth-first forest, ports in
 * order from left to right, so a bot's mostly tree-shaped topics show no crossings; joins are
 * centred under the cards that lead to them. One undo step; the start card stays in place. */
void
va_canvas_tidy (VaCanvas *self)
{
  Tidy t = { 0, };
  g_autoptr(GPtrArray) layers = NULL;
  VaCanvasCard *anchor;
  VaHistory *history;
  double y = 0, ax, ay;

  if (self->cards->len == 0)
    return;

  va_canvas_update_geometry (self);
  t.n = self->cards->len;
  t.layer = g_new (int, t.n);
  t.parent = g_new (int, t.n);
  t.order = g_new (guint, t.n);
  t.first = g_new0 (guint, t.n + 1);
  t.kids = g_new0 (guint, t.n);
  t.x = g_new0 (double, t.n);

  tidy_layers (self, &t);
  tidy_children (&t);
  tidy_place_forest (self, &t);

  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint q = 0; q < t.n; q++)
    {
      guint c = t.order[q];

      while ((int) layers->len <= t.layer[c])
        g_ptr_array_add (layers, g_array_new (FALSE, FALSE, sizeof (guint)));
      g_array_append_val (g_ptr_array_index (layers, t.layer[c]), c);
    }
  tidy_center_joins (self, &t, layers);

  /* The first card placed (the start) stays where it is, so that the view does not jump. */
  anchor = card_at_index (self, t.order[0]);
  ax = va_node_get_x (anchor->node) - t.x[anchor->index];
  ay = va_node_get_y (anchor->node);

  history = va_canvas_ensure_history (self);
  va_history_begin (history, _("Tidy Up"));
  for (guint l = 0; l < layers->len; l++)
    {
      GArray *members = g_ptr_array_index (layers, l);
      double height = 0;

      for (guint i = 0; i < members->len; i++)
        {
          VaCanvasCard *card = card_at_index (self, g_array_index (members, guint, i));
          int nx = (int) lround (t.x[card->index] + ax);
          int ny = (int) lround (y + ay);

          height = MAX (height, card->h);
          if (nx != va_node_get_x (card->node) || ny != va_node_get_y (card->node))
            va_history_set (history, card->node, "x", nx, "y", ny, NULL);
        }
      y += height + TIDY_GAP_Y;
    }
  va_history_end (history);
  tidy_clear (&t);
}
