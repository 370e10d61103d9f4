/* fuzz_xlsx: libFuzzer target for the Excel reader and the interpreter
 * behind it.  The input is read as a .xlsx (the ZIP archive and what is
 * in it), then as the one sheet of a workbook built around it
 * (fuzz_zip.h: a workbook, its relationships, shared strings and a date
 * style), so that mutations reach the XML reader; whatever rows come
 * out are interpreted as a plan.  The seeds (tests/fuzz/corpus/xlsx) are
 * workbooks python3-openpyxl and LibreOffice wrote and sheets alone. */
#include <stddef.h>
#include <stdint.h>

#include "plan/interp.h"
#include "plan/plan.h"
#include "read/xlsx.h"
#include "fuzz_zip.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

static const char workbook[] = "<workbook " NS "><sheets><sheet "
    "name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\" xmlns:r=\"http://"
    "schemas.openxmlformats.org/officeDocument/2006/relationships\"/>"
    "</sheets></workbook>";
static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char strings[] = "<sst " NS "><si><t>序号</t></si><si><t>任务"
    "</t></si><si><t>措施</t></si><si><t>责任单位</t></si><si><t>完成时限"
    "</t></si><si><r><t>一、</t></r><r><t>重点</t></r></si></sst>";
static const char styles[] = "<styleSheet " NS "><numFmts><numFmt "
    "numFmtId=\"164\" formatCode=\"m&quot;月&quot;d&quot;日&quot;\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf "
    "numFmtId=\"14\"/></cellXfs></styleSheet>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
read_xlsx(const char *data, size_t size)
{
	struct table_doc *d = NULL;
	struct plan *p = NULL;
	struct error err;

	if (xlsx_read("fuzz.xlsx", data, size, &d, &err) != 0)
		return;
	if (interp_plan(d, &p, &err) == 0) {
		plan_resolve(p);
		plan_free(p);
	}
	table_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = { "xl/workbook.xml",
	    "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
	    "xl/styles.xml", "xl/worksheets/sheet1.xml" };
	const char *datas[] = { workbook, rels, strings, styles,
	    (const char *)data };
	size_t lens[] = { sizeof(workbook) - 1, sizeof(rels) - 1,
	    sizeof(strings) - 1, sizeof(styles) - 1, size }, len;
	char *zip;

	read_xlsx((const char *)data, size);
	if ((zip = fuzz_zip(names, datas, lens, 5, &len)) != NULL) {
		read_xlsx(zip, len);
		free(zip);
	}
	return 0;
}
