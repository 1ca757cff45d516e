# Builds the agreement and judicial-application templates (docxtemplater tags; run: python3 make-templates.py .)
import zipfile, sys
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def run(t, bold=False, size=None):
    rpr = '<w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/>' + ('<w:b/>' if bold else '') + (f'<w:sz w:val="{size}"/>' if size else '') + '</w:rPr>'
    return f'<w:r>{rpr}<w:t xml:space="preserve">{t}</w:t></w:r>'
def p(*runs, center=False, indent=False):
    ppr = '<w:pPr>' + ('<w:jc w:val="center"/>' if center else '') + ('<w:ind w:firstLine="480"/>' if indent else '') + '<w:spacing w:after="120"/></w:pPr>'
    return f'<w:p>{ppr}{"".join(runs)}</w:p>'
def doc(body):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
agreement = doc(''.join([
  p(run('人民调解协议书', True, 36), center=True),
  p(run('编号：{number}　　　调解组织：{orgName}'), center=True),
  p(run('一、当事人的基本情况', True)),
  p(run('{#parties}')),
  p(run('{sideLabel}：{name}；{#idNumber}身份证号码：{idNumber}；{/idNumber}{#address}住址：{address}；{/address}{#phone}联系电话：{phone}{/phone}')),
  p(run('{/parties}')),
  p(run('二、纠纷的主要事实、争议事项以及各方当事人的责任', True)),
  p(run('纠纷类型：{typeLabel}。{#amount}涉及金额：人民币{amount}元。{/amount}'), indent=True),
  p(run('{facts}'), indent=True),
  p(run('三、经人民调解委员会主持调解，当事人自愿达成如下协议', True)),
  p(run('{terms}'), indent=True),
  p(run('四、履行协议的方式、地点、期限', True)),
  p(run('{performance}（履行期限：{performBy}前）'), indent=True),
  p(run('本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。当事人应当按照约定履行自己的义务。经人民调解委员会调解达成的调解协议，具有法律约束力。双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。'), indent=True),
  p(run('本协议一式{copies}份，当事人各执一份，人民调解委员会留存一份。'), indent=True),
  p(run('当事人确认', True)),
  p(run('{#parties}')),
  p(run('{sideLabel}（签名、盖章或按指印）：{name}　{confirmedLabel}')),
  p(run('{/parties}')),
  p(run('人民调解员（签名）：{mediators}')),
  p(run('人民调解委员会（印章）：{orgName}')),
  p(run('{dateLabel}')),
]))
pack = doc(''.join([
  p(run('司法确认申请书', True, 36), center=True),
  p(run('申请人：', True)),
  p(run('{#parties}')),
  p(run('{sideLabel}：{name}；{#idNumber}身份证号码：{idNumber}；{/idNumber}{#address}住址：{address}；{/address}{#phone}联系电话：{phone}{/phone}')),
  p(run('{/parties}')),
  p(run('请求事项', True)),
  p(run('请求人民法院依法确认申请人于{effectiveDate}经{orgName}主持调解达成的调解协议（编号：{number}）有效。'), indent=True),
  p(run('事实与理由', True)),
  p(run('{facts}'), indent=True),
  p(run('申请人经{orgName}调解，自愿达成如下协议：{terms}。履行方式与期限：{performance}（{performBy}前）。'), indent=True),
  p(run('申请人依照《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》的规定，自调解协议生效之日起三十日内共同提出申请（申请期限截至{deadline}）。申请人保证出于解决纠纷的目的达成调解协议，不存在恶意串通、规避法律的情形，不损害国家利益、社会公共利益和他人合法权益。'), indent=True),
  p(run('此致')),
  p(run('{court}')),
  p(run('附：人民调解协议书一份；当事人身份证明；调解笔录{sessions}份。')),
  p(run('申请人（签名）：{#parties}{name}　{/parties}')),
  p(run('{dateLabel}')),
]))
ct='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
rels='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
def core(title):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>CivicGrid</dc:creator></cp:coreProperties>'
for name, body, title in [('agreement.docx', agreement, '人民调解协议书'), ('judicial-application.docx', pack, '司法确认申请书')]:
    with zipfile.ZipFile(sys.argv[1] + '/' + name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', ct)
        z.writestr('_rels/.rels', rels)
        z.writestr('docProps/core.xml', core(title))
        z.writestr('word/document.xml', body)
