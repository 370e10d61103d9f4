/* units_place: places listed before the one that names their office
 * (济南市、青岛市人民政府 is 济南市人民政府 and 青岛市人民政府;
 * 济南、青岛市政府 and 济南、青岛等市政府 too): each place takes the
 * words after the last place's level. */
#ifndef DEADLINED_UNITS_PLACE_H
#define DEADLINED_UNITS_PLACE_H

/* The units cell with each such place given its office's name, or NULL
 * when the cell lists none (the common case: nothing is copied). */
char *units_place_share(const char *cell);

#endif
