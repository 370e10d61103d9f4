/* fuzz_zip: for the Office fuzz targets, an archive built in memory
 * around the fuzzer's bytes.  A mutated member of a real archive fails
 * its CRC before any XML is parsed; wrapped here, the bytes reach the
 * XML reader whole.  A header of static functions. */
#ifndef DEADLINED_FUZZ_ZIP_H
#define DEADLINED_FUZZ_ZIP_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* An archive holding the members names[i] = datas[i] (stored), as a
 * new buffer (*len bytes), or NULL. */
static char *
fuzz_zip(const char *const names[], const char *const datas[],
    const size_t lens[], size_t n, size_t *len)
{
	zip_source_t *out, *m;
	zip_stat_t st;
	zip_error_t ze;
	zip_t *za;
	char *buf = NULL;

	zip_error_init(&ze);
	if ((out = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(out);
	if ((za = zip_open_from_source(out, ZIP_TRUNCATE, &ze)) == NULL)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx;

		if ((m = zip_source_buffer(za, datas[i], lens[i], 0)) == NULL ||
		    (idx = zip_file_add(za, names[i], m, ZIP_FL_OVERWRITE)) < 0) {
			zip_source_free(m);
			zip_discard(za);
			goto fail;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto fail;
	}
	if (zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
		buf = malloc(st.size + 1);
		if (buf != NULL && zip_source_read(out, buf, st.size) ==
		    (zip_int64_t)st.size)
			*len = st.size;
		else {
			free(buf);
			buf = NULL;
		}
		zip_source_close(out);
	}
fail:
	zip_source_free(out);
	zip_error_fini(&ze);
	return buf;
}

#endif
