<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AuthorityFields</name>
        <message>
            <location filename="../../inspector/ui/authority_fields.py" line="+26" />
            <source>Full name of the inspecting bureau</source>
            <translation>检查机关全称</translation>
        </message>
        <message>
            <source>+ Joint</source>
            <translation>＋联合检查</translation>
        </message>
        <message>
            <source>A joint inspection: each authority issues its own notice for the items it is competent for</source>
            <translation>联合检查：各机关就其主管的事项分别出具整改通知书</translation>
        </message>
        <message>
            <source>e.g. 某区卫生健康局</source>
            <translation>如：某区卫生健康局；或 类别=名称</translation>
        </message>
        <message>
            <source>Remove this authority</source>
            <translation>删除此机关</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <location filename="../../inspector/ui/import_dialog.py" line="+34" />
            <source>Row</source>
            <translation>行号</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../inspector/ui/models.py" line="+98" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../inspector/ui/models.py" line="+1" />
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../inspector/ui/models.py" line="+1" />
            <location line="+38" />
            <source>Sector</source>
            <translation>行业</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Check</source>
            <translation>校验结果</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/models.py" line="-37" />
            <source>Last inspection</source>
            <translation>最近检查</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open rectifications</source>
            <translation>未销号整改项</translation>
        </message>
        <message>
            <location line="+33" />
            <source>Started</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Subject</source>
            <translation>被检查对象</translation>
        </message>
        <message>
            <location line="+2" />
            <location filename="../../inspector/ui/sync_models.py" line="+52" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Answered</source>
            <translation>已答</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Non-compliant</source>
            <translation>不合格</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/sync_models.py" line="-5" />
            <location line="+96" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location line="-95" />
            <location line="+96" />
            <source>Sender</source>
            <translation>发送方</translation>
        </message>
        <message>
            <location line="-95" />
            <location line="+96" />
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <location line="-95" />
            <source>Records</source>
            <translation>记录</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New here</source>
            <translation>本机新增</translation>
        </message>
        <message>
            <location line="+95" />
            <source>Imported</source>
            <translation>导入时间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/ledger_model.py" line="-2" />
            <source>Inspected party</source>
            <translation>被检查单位</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Inspected on</source>
            <translation>检查日期</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problem</source>
            <translation>问题描述</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deadline</source>
            <translation>整改时限</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rectification status</source>
            <translation>整改状态</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reviewed on</source>
            <translation>复查日期</translation>
        </message>
    </context>
    <context>
        <name>DateWidget</name>
        <message>
            <location filename="../../inspector/ui/forms/widgets.py" line="+219" />
            <source>YYYY-MM-DD</source>
            <translation>年-月-日（如 2030-01-31）</translation>
        </message>
    </context>
    <context>
        <name>Documents</name>
        <message>
            <source>Save the transfer letter</source>
            <translation>保存案件移送函</translation>
        </message>
        <message>
            <source>Sign the transfer letter.</source>
            <translation>签署案件移送函。</translation>
        </message>
        <message>
            <source>Signing the transfer letter…</source>
            <translation>正在签署案件移送函…</translation>
        </message>
        <message>
            <source>Transfer letter to the %1 saved:
%2</source>
            <translation>移送%1的案件移送函已保存：
%2</translation>
        </message>
        <message>
            <source>No transfer number of this bureau here: the letter leaves the number blank to fill in.</source>
            <translation>本机没有本机关的移送函文号：移送函编号留空，由本机关填写。</translation>
        </message>
        <message>
            <source>Transfer letter</source>
            <translation>案件移送函</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/documents.py" line="+51" />
            <source>Draft inspection</source>
            <translation>草稿检查</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This inspection is not completed. Its report will be marked 草稿 (draft) on every page and the inspection stays open.

Issue a draft report?</source>
            <translation>该检查尚未完成。报告每一页都将标注“草稿”，检查记录保持可编辑。

生成草稿报告吗？</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Save the signed report</source>
            <translation>保存签名报告</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Save the rectification notice</source>
            <translation>保存整改通知书</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Sign the inspection report.</source>
            <translation>签署检查报告。</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Signing the report…</source>
            <translation>正在生成并签署报告…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Writing the rectification notice…</source>
            <translation>正在生成整改通知书…</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The inspection is now signed and locked: it can no longer be changed.</source>
            <translation>该检查记录已签名并锁定，不能再修改。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The inspection is a draft: the report is marked 草稿 and the inspection stays open.</source>
            <translation>该检查为草稿：报告已标注“草稿”，检查记录仍可继续填写。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Signed report saved:
%1

Signed by %2.</source>
            <translation>签名报告已保存：
%1

签名人：%2。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Report signed</source>
            <translation>报告已签名</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Rectification notice</source>
            <translation>整改通知书</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rectification notice saved:
%1</source>
            <translation>整改通知书已保存：
%1</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Not done</source>
            <translation>未完成</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Open folder</source>
            <translation>打开所在文件夹</translation>
        </message>
            <message>
            <source>Document number: %1</source>
            <translation>文号：%1</translation>
        </message>
        <message>
            <source>This store has no document number left for this year: the notice carries a provisional one. Ask your bureau for a block of numbers.</source>
            <translation>本机本年度已无可用文号：本通知书使用临时编号。请向所属监管机关申请编号段。</translation>
        </message>
        <message>
            <source>Blank paper record</source>
            <translation>空白纸质检查笔录</translation>
        </message>
        <message>
            <source>For the day the laptop fails: print the checklist of which sector?</source>
            <translation>以备电脑故障时使用：打印哪个行业的检查表？</translation>
        </message>
        <message>
            <source>Save the blank paper record</source>
            <translation>保存空白纸质检查笔录</translation>
        </message>
        <message>
            <source>Writing the blank paper record…</source>
            <translation>正在生成空白纸质检查笔录…</translation>
        </message>
        <message>
            <source>Blank paper record saved:
%1

Print it and keep it with the laptop. A record filled in on paper is entered afterwards, with a photo of its signed pages.</source>
            <translation>空白纸质检查笔录已保存：
%1

请打印后随电脑携带。纸质笔录填写后须事后补录，并附签字页照片。</translation>
        </message>
    <message>
            <source>Notice of %1 saved:
%2</source>
            <translation>%1的整改通知书已保存：
%2</translation>
        </message>
        <message>
            <source>No number of that authority here: it fills in the blank number.</source>
            <translation>本机没有该机关分配的文号：编号留空，由该机关填写。</translation>
        </message>
    </context>
    <context>
        <name>FormRunner</name>
        <message>
            <location filename="../../inspector/ui/forms/runner.py" line="+78" />
            <source>%1 · %2 v%3 · started %4</source>
            <translation>%1 · %2 v%3 · 开始于 %4</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1, read-only</source>
            <translation>%1，只读</translation>
        </message>
        <message>
            <location line="+23" />
            <source>◀ Previous  (K)</source>
            <translation>◀ 上一项  (K)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next  (J) ▶</source>
            <translation>下一项  (J) ▶</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next unanswered  (N)</source>
            <translation>下一个未答  (N)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Summary and signatures…  (Ctrl+Enter)</source>
            <translation>汇总与签名…  (Ctrl+Enter)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Finish inspection…  (Ctrl+Enter)</source>
            <translation>完成检查…  (Ctrl+Enter)</translation>
        </message>
        <message>
            <location line="+48" />
            <source>%1 · item %2 of %3</source>
            <translation>%1 · 第 %2 / %3 项</translation>
        </message>
        <message>
            <location line="+55" />
            <source>Every item is answered.</source>
            <translation>所有检查项均已作答。</translation>
        </message>
        <message>
            <location line="+78" />
            <source>Answered %1/%2 · Non-compliant %3 · Required unanswered %4</source>
            <translation>已答 %1/%2 · 不合格 %3 · 必填未答 %4</translation>
        </message>
        <message>
            <location line="+4" />
            <source>read-only</source>
            <translation>只读</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Add photos</source>
            <translation>添加照片</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</translation>
        </message>
        <message>
            <source>Remove photo</source>
            <translation>移除照片</translation>
        </message>
        <message>
            <source>Remove this photo from the inspection? The history keeps a record of it, but the form and the report leave it out.</source>
            <translation>从本次检查中移除这张照片？历史记录中仍保留其记录，但检查表和报告中不再显示。</translation>
        </message>
    </context>
    <context>
        <name>IdentityPage</name>
        <message>
            <source>Contact on notices…</source>
            <translation>通知书上的联系方式…</translation>
        </message>
        <message>
            <source>The phone and address printed on this store's rectification notices</source>
            <translation>本机出具的整改通知书上印的联系电话和地址</translation>
        </message>
        <message>
            <source>Contact saved: it is printed on the notices issued from now on.</source>
            <translation>联系方式已保存：此后出具的通知书将印上。</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/identity_page.py" line="+59" />
            <source>Identity and keys</source>
            <translation>身份与密钥</translation>
        </message>
        <message>
            <location line="+12" />
            <source>This store's identity</source>
            <translation>本机身份</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Trusted signers</source>
            <translation>受信任的签名人</translation>
        </message>
        <message>
            <location line="+18" />
            <source>This store has no identity yet. Create one to sign reports and data bundles: a key pair is made here and its private key is kept encrypted with your passphrase.</source>
            <translation>本数据库还没有身份。创建身份后才能签署报告和数据包：密钥对在本机生成，私钥用您的口令加密保存。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>e.g. 德清县市场监督管理局</source>
            <translation>例如：德清县市场监督管理局</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a few uncommon words, 8 characters or more</source>
            <translation>几个不常见的词，至少8个字符</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Create identity</source>
            <translation>创建身份</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+22" />
            <location line="+22" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location line="-43" />
            <location line="+22" />
            <location line="+21" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location line="-42" />
            <location line="+22" />
            <location line="+21" />
            <source>Organisation</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <location line="-42" />
            <source>Passphrase</source>
            <translation>口令</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Passphrase again</source>
            <translation>再次输入口令</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Certificate fingerprint</source>
            <translation>证书指纹</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Read the fingerprint out to whoever trusts your certificate, so they can check they got the right one.</source>
            <translation>对方信任您的证书前，请把指纹读给对方核对，确认收到的是您的证书。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Export my certificate…</source>
            <translation>导出我的证书…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Fingerprint</source>
            <translation>指纹</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Trust a certificate…</source>
            <translation>信任证书…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Bundles and reports are accepted only from trusted signers.</source>
            <translation>只接受受信任签名人的数据包和报告。</translation>
        </message>
        <message>
            <location line="+47" />
            <source>The two passphrases differ.</source>
            <translation>两次输入的口令不一致。</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Identity created for %1. Remember the passphrase: it cannot be recovered.</source>
            <translation>已为%1创建身份。请牢记口令：口令无法找回。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Export my certificate</source>
            <translation>导出我的证书</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Certificates (*.pem)</source>
            <translation>证书 (*.pem)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Certificate saved to %1. Send it to the other party and read them your fingerprint.</source>
            <translation>证书已保存到 %1。请发给对方，并把指纹读给对方核对。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Trust a certificate</source>
            <translation>信任证书</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
            <translation>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Not trusted: nothing was changed.</source>
            <translation>未信任：没有任何改动。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 is now a trusted signer.</source>
            <translation>%1 已加入受信任的签名人。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Certificate of %1 (%2, %3).

Fingerprint:
%4

Ask %1 to read their fingerprint out and compare every group. Trust this certificate only if they match exactly.</source>
            <translation>%1（%2，%3）的证书。

指纹：
%4

请%1本人读出其证书指纹，逐组核对。完全一致时才信任此证书。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Trust this certificate?</source>
            <translation>信任此证书？</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The fingerprints match: trust</source>
            <translation>指纹一致，信任</translation>
        </message>
        <message>
            <source>Trust decisions</source>
            <translation>信任记录</translation>
        </message>
        <message>
            <source>Certified and enrolled</source>
            <translation>认证与登记</translation>
        </message>
        <message>
            <source>Vouched for by</source>
            <translation>签发人</translation>
        </message>
        <message>
            <source>Accepted here</source>
            <translation>本机认可</translation>
        </message>
        <message>
            <source>Certify an inspector…</source>
            <translation>认证检查人员…</translation>
        </message>
        <message>
            <source>Enrol a company…</source>
            <translation>登记企业…</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no: its issuer is not trusted here</source>
            <translation>否：本机不信任其签发人</translation>
        </message>
        <message>
            <source>Nothing was signed.</source>
            <translation>未签发任何内容。</translation>
        </message>
        <message>
            <source>%1 is vouched for: whoever trusts you accepts their signatures once your next bundle reaches them.</source>
            <translation>已为%1签发：信任您的各方收到您的下一个数据包后，即接受其签名。</translation>
        </message>
        <message>
            <source>Enrol a company</source>
            <translation>登记企业</translation>
        </message>
        <message>
            <source>Credit code of %1, as shown on its business licence:</source>
            <translation>%1营业执照上的统一社会信用代码：</translation>
        </message>
        <message>
            <source>Certificate of %1 (%2, %3).

Fingerprint:
%4

Compare every group with the fingerprint %1 reads out, in person. Sign only if they match exactly: whoever trusts you will accept %1&apos;s signatures.</source>
            <translation>%1（%2，%3）的证书。

指纹：
%4

请当面请%1读出指纹，逐组核对。完全一致才签发：信任您的各方将接受%1的签名。</translation>
        </message>
        <message>
            <source>The fingerprints match: sign</source>
            <translation>指纹一致，签发</translation>
        </message>
        <message>
            <source>Stop trusting…</source>
            <translation>取消信任…</translation>
        </message>
        <message>
            <source>Rotate key…</source>
            <translation>更换密钥…</translation>
        </message>
        <message>
            <source>Revoked keys</source>
            <translation>已吊销的密钥</translation>
        </message>
        <message>
            <source>Revoked at</source>
            <translation>吊销时间</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source> (key revoked %1)</source>
            <translation>（密钥已于 %1 吊销）</translation>
        </message>
        <message>
            <source>Rotate key: a new key pair replaces the current one.</source>
            <translation>更换密钥：新的密钥对将取代当前密钥。</translation>
        </message>
        <message>
            <source>New key made: fingerprint %1. The old key %2 signs nothing from now on; your next bundle tells those who trust you.</source>
            <translation>已生成新密钥，指纹：%1。旧密钥 %2 自此不再有效；您的下一个数据包会通知信任您的各方。</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>决定</translation>
        </message>
        <message>
            <source>Checked by</source>
            <translation>核对方式</translation>
        </message>
        <message>
            <source>trusted</source>
            <translation>信任</translation>
        </message>
        <message>
            <source>no longer trusted</source>
            <translation>取消信任</translation>
        </message>
        <message>
            <source>certificate replaced, trusted</source>
            <translation>替换证书并信任</translation>
        </message>
        <message>
            <source>confirmed at the terminal</source>
            <translation>终端确认</translation>
        </message>
        <message>
            <source>fingerprint given</source>
            <translation>给出指纹</translation>
        </message>
        <message>
            <source>confirmed on this page</source>
            <translation>在本页面确认</translation>
        </message>
        <message>
            <source>not checked</source>
            <translation>未核对</translation>
        </message>
        <message>
            <source> (was %1 …)</source>
            <translation>（原 %1 …）</translation>
        </message>
        <message>
            <source>The certificate on record for %1 (fingerprint %2, never checked) was replaced by the one you checked (fingerprint %3), now trusted.</source>
            <translation>本机原有的%1的证书（指纹 %2，未经核对）已被您核对过的证书（指纹 %3）替换，现已信任。</translation>
        </message>
        <message>
            <source>%1 was a trusted signer already: nothing was changed.</source>
            <translation>%1 已是受信任的签名人，未做更改。</translation>
        </message>
        <message>
            <source>This store holds a different certificate for %1 (fingerprint %2). Trusting this one replaces it.</source>
            <translation>本机保存的%1的证书与此不同（指纹 %2）。信任此证书将替换它。</translation>
        </message>
        <message>
            <source>%1 is no longer a trusted signer: their bundles and reports are refused from now on.</source>
            <translation>已取消对%1的信任：今后将拒绝其数据包和报告。</translation>
        </message>
        <message>
            <source>Stop trusting %1 (fingerprint %2)?

Their bundles and reports will be refused until their certificate is trusted again.</source>
            <translation>取消对%1（指纹 %2）的信任？

在重新信任其证书之前，将拒绝其数据包和报告。</translation>
        </message>
        <message>
            <source>Stop trusting?</source>
            <translation>取消信任？</translation>
        </message>
        <message>
            <source>Revoke my key…</source>
            <translation>吊销本机密钥…</translation>
        </message>
        <message>
            <source>When this key may be in other hands: a new key replaces it, and the old one is revoked for everyone who trusts you.</source>
            <translation>当密钥可能落入他人之手时使用：新密钥取而代之，旧密钥对所有信任您的各方吊销。</translation>
        </message>
        <message>
            <source>Revoke key…</source>
            <translation>吊销密钥…</translation>
        </message>
        <message>
            <source>A lost or stolen laptop: whatever the selected key signs from now on is refused everywhere this revocation reaches.</source>
            <translation>电脑丢失或被盗时使用：所选密钥此后签署的一切，在吊销消息到达的所有数据库中都将被拒绝。</translation>
        </message>
        <message>
            <source>Revoke my key</source>
            <translation>吊销本机密钥</translation>
        </message>
        <message>
            <source>A new key pair replaces this store&apos;s key, and the old key is revoked: whatever it signs from now on is refused everywhere.

Reason (kept with the revocation):</source>
            <translation>新的密钥对将取代本数据库的密钥，旧密钥被吊销：其此后签署的一切都将被拒绝。

原因（随吊销记录保存）：</translation>
        </message>
        <message>
            <source>Key %1 is revoked; the new key %2 signs from now on. Your next bundle tells those who trust you.</source>
            <translation>密钥 %1 已吊销；此后由新密钥 %2 签名。您的下一个数据包会通知信任您的各方。</translation>
        </message>
        <message>
            <source>Revoke key</source>
            <translation>吊销密钥</translation>
        </message>
        <message>
            <source>Revoke the key of %1 (fingerprint %2)?

From now on whatever it signs is refused by every store this revocation reaches; what it signed before stays valid. This cannot be undone: %1 will need a new key, certified again.

Reason (kept with the revocation):</source>
            <translation>吊销 %1 的密钥（指纹 %2）？

自此，该密钥签署的一切都将被吊销消息到达的所有数据库拒绝；此前签署的仍然有效。此操作不可撤销：%1 需要新的密钥并重新认证。

原因（随吊销记录保存）：</translation>
        </message>
        <message>
            <source>The key of %1 is revoked. Send your next bundle to everyone who trusts them.</source>
            <translation>%1 的密钥已吊销。请将您的下一个数据包发送给信任该方的各方。</translation>
        </message>
</context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../inspector/ui/import_dialog.py" line="+35" />
            <source>OK</source>
            <translation>通过</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Import subjects</source>
            <translation>导入被检查对象</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A register: .csv (UTF-8 or GBK) or .xlsx</source>
            <translation>名录文件：.csv（UTF-8 或 GBK）或 .xlsx</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sector from the file</source>
            <translation>行业取自文件</translation>
        </message>
        <message>
            <location line="+2" />
            <source>All rows: %1</source>
            <translation>全部行：%1</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+72" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location line="-58" />
            <source>Choose a register</source>
            <translation>选择名录文件</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Registers (*.csv *.xlsx)</source>
            <translation>名录 (*.csv *.xlsx)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>%1 row(s) can be imported, %2 row(s) have errors.</source>
            <translation>可导入 %1 行，%2 行有错误。</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Imported %1 subject(s); %2 already present; %3 row(s) with errors.</source>
            <translation>已导入 %1 个被检查对象；%2 个已存在；%3 行有错误。</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Import cancelled: nothing was imported.</source>
            <translation>已取消导入：未导入任何数据。</translation>
        </message>
    </context>
    <context>
        <name>CorrectionDialog</name>
        <message>
            <source>Correct a signed record</source>
            <translation>更正已签名的记录</translation>
        </message>
        <message>
            <source>The signed record of %1 (%2) stays as it is. The correction starts as a copy of it: change what was wrong, then complete and sign it. From its completion on it supersedes the record.</source>
            <translation>%1（%2）的已签名记录保持不变。更正记录以它的副本开始：改正错误之处，再完成并签名。更正记录完成后即取代原记录。</translation>
        </message>
        <message>
            <source>What is corrected, and why (required)</source>
            <translation>更正了什么、为什么更正（必填）</translation>
        </message>
        <message>
            <source>Start the correction</source>
            <translation>开始更正</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>更正理由：</translation>
        </message>
    </context>
    <context>
        <name>InspectionsPage</name>
        <message>
            <location filename="../../inspector/ui/inspections_page.py" line="+32" />
            <source>Inspections</source>
            <translation>检查记录</translation>
        </message>
        <message>
            <location line="+3" />
            <source>All sectors</source>
            <translation>全部行业</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Any status</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <location line="+3" />
            <source>From</source>
            <translation>日期从</translation>
        </message>
        <message>
            <location line="+16" />
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Open  (Enter)</source>
            <translation>打开  (Enter)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Signed report…  (Ctrl+R)</source>
            <translation>生成签名报告…  (Ctrl+R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rectification notice…  (Ctrl+Shift+R)</source>
            <translation>整改通知书…  (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <source>Correct…</source>
            <translation>更正…</translation>
        </message>
        <message>
            <source>A signed record is never changed: start a correction that supersedes it</source>
            <translation>已签名的记录不能更改：新建一份更正记录取代它</translation>
        </message>
        <message>
            <source>Not corrected</source>
            <translation>未能更正</translation>
        </message>
        <message numerus="yes">
            <location line="+30" />
            <source>%n inspection(s)</source>
            <translation>
                <numerusform>共 %n 次检查</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ItemPage</name>
        <message>
            <location filename="../../inspector/ui/forms/item_page.py" line="+42" />
            <source>Legal basis: %1</source>
            <translation>依据：%1</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Required</source>
            <translation>必填</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Photo: %1</source>
            <translation>拍照：%1</translation>
        </message>
        <message>
            <location line="+9" />
            <source>How to check  (G)</source>
            <translation>检查要点  (G)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Rectification: %1</source>
            <translation>整改要求：%1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Describe what was found (saved as you type; Enter: next item)</source>
            <translation>请说明发现的问题（输入即保存；回车进入下一项）</translation>
        </message>
            <message>
            <source>What was found  (Shift+Enter: new line)</source>
            <translation>发现的问题（Shift+Enter 换行）</translation>
        </message>
</context>
    <context>
        <name>Labels</name>
        <message>
            <source>Transferred</source>
            <translation>已移送</translation>
        </message>
        <message>
            <source>%1 · superseded</source>
            <translation>%1 · 已被更正</translation>
        </message>
        <message>
            <source>%1 · correction</source>
            <translation>%1 · 更正记录</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/labels.py" line="+12" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signed</source>
            <translation>已签名</translation>
        </message>
        <message>
            <location line="+3" />
            <source>On-site inspection</source>
            <translation>现场检查</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Self-check</source>
            <translation>企业自查</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Critical</source>
            <translation>严重</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Major</source>
            <translation>较重</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Minor</source>
            <translation>一般</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Info</source>
            <translation>提示</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Inspector</source>
            <translation>检查人员</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Subject's representative</source>
            <translation>被检查单位代表</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Company</source>
            <translation>企业</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Supervisor</source>
            <translation>监管人员</translation>
        </message>
        <message>
            <location line="+12" />
            <source>identities</source>
            <translation>身份</translation>
        </message>
        <message>
            <location line="-1" />
            <source>checklists</source>
            <translation>检查表</translation>
        </message>
        <message>
            <location line="-7" />
            <source>subjects</source>
            <translation>被检查对象</translation>
        </message>
        <message>
            <location line="+1" />
            <source>inspections</source>
            <translation>检查</translation>
        </message>
        <message>
            <location line="+1" />
            <source>answers</source>
            <translation>检查结果</translation>
        </message>
        <message>
            <location line="+1" />
            <source>photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <location line="+1" />
            <source>signatures</source>
            <translation>签名</translation>
        </message>
        <message>
            <location line="+1" />
            <source>rectification items</source>
            <translation>整改项</translation>
        </message>
        <message>
            <location line="+1" />
            <source>rectification updates</source>
            <translation>整改进展</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Open</source>
            <translation>待整改</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Submitted</source>
            <translation>已提交</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Closed</source>
            <translation>已销号</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reopened</source>
            <translation>重新整改</translation>
        </message>
        <message>
            <location line="+30" />
            <source>%1 (overdue)</source>
            <translation>%1（逾期）</translation>
        </message>
            <message>
            <source>certifications and enrolments</source>
            <translation>认证与登记</translation>
        </message>
        <message>
            <source>key revocations</source>
            <translation>密钥吊销</translation>
        </message>
        <message>
            <source>blocks of document numbers</source>
            <translation>文号段</translation>
        </message>
        <message>
            <source>numbered documents</source>
            <translation>编号文书</translation>
        </message>
        <message>
            <source>Witness</source>
            <translation>见证人</translation>
        </message>
        <message>
            <source>campaigns</source>
            <translation>专项行动</translation>
        </message>
        <message>
            <source>check matters</source>
            <translation>抽查事项</translation>
        </message>
        <message>
            <source>officers</source>
            <translation>执法人员</translation>
        </message>
        <message>
            <source>marks on subjects</source>
            <translation>检查对象标记</translation>
        </message>
        <message>
            <source>draws</source>
            <translation>抽取记录</translation>
        </message>
        <message>
            <source>tasks</source>
            <translation>检查任务</translation>
        </message>
        <message>
            <source>penalty decisions</source>
            <translation>行政处罚决定</translation>
        </message>
        <message>
            <source>listing proposals</source>
            <translation>列入建议</translation>
        </message>
        <message>
            <source>notices of intended listing</source>
            <translation>拟列入告知</translation>
        </message>
        <message>
            <source>statements of the party</source>
            <translation>陈述申辩</translation>
        </message>
        <message>
            <source>listing decisions</source>
            <translation>列入决定</translation>
        </message>
        <message>
            <source>credit repairs</source>
            <translation>信用修复</translation>
        </message>
        <message>
            <source>report figures entered by hand</source>
            <translation>统计报表人工填报数</translation>
        </message>
        <message>
            <source>typical cases</source>
            <translation>典型案例</translation>
        </message>
</context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../inspector/ui/mainwindow.py" line="+48" />
            <source>Inspector — offline inspections</source>
            <translation>Inspector — 离线现场检查</translation>
        </message>
        <message>
            <source>Opening…</source>
            <translation>正在打开…</translation>
        </message>
        <message>
            <location line="+33" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New inspection…</source>
            <translation>新建检查…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import subjects…</source>
            <translation>导入被检查对象…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export data bundle…</source>
            <translation>导出数据包…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import data bundles…</source>
            <translation>导入数据包…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Subjects</source>
            <translation>被检查对象</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Inspections</source>
            <translation>检查记录</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data exchange</source>
            <translation>数据交换</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Identity and keys</source>
            <translation>身份与密钥</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+137" />
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <location line="-31" />
            <source>Inspection completed and locked.</source>
            <translation>检查已完成并锁定。</translation>
        </message>
        <message>
            <location line="+32" />
            <source>In the checklist:
1 / 2 / 3  Compliant / Non-compliant / Not applicable (1–9 pick options)
J, ↓ or Enter  next item    K or ↑  previous item
N  next unanswered item    Ctrl+1…9  jump to a section
G  show or hide guidance    Ctrl+P  add a photo
Ctrl+Enter  summary, signatures and completion

Everywhere:
Ctrl+N  new inspection    Ctrl+I  import subjects
F5  subjects    F6  inspections    F7  data exchange    F8  identity and keys
F9  rectification ledger    F10  overview by sector
Ctrl+E  export a data bundle    Ctrl+Shift+I  import data bundles
Ctrl+R  signed report    Ctrl+Shift+R  rectification notice
Ctrl+F  search</source>
            <translation>检查表中：
1 / 2 / 3  合格 / 不合格 / 不适用（1–9 选择选项）
J、↓ 或回车  下一项    K 或 ↑  上一项
N  下一个未答项    Ctrl+1…9  跳到某一部分
G  显示或隐藏检查指引    Ctrl+P  添加照片
Ctrl+Enter  汇总、签名与完成

任何页面：
Ctrl+N  新建检查    Ctrl+I  导入被检查对象
F5  被检查对象    F6  检查记录    F7  数据交换    F8  身份与密钥
F9  整改台账    F10  分行业统计
Ctrl+E  导出数据包    Ctrl+Shift+I  导入数据包
Ctrl+R  签名报告    Ctrl+Shift+R  整改通知书
Ctrl+F  搜索</translation>
        </message>
        <message>
            <location line="+30" />
            <source>In the checklist:
1 / 2 / 3  Compliant / Non-compliant / Not applicable (1–9 pick options)
J, ↓ or Enter  next item    K or ↑  previous item
N  next unanswered item    Ctrl+1…9  jump to a section
G  show or hide guidance    Ctrl+P  add a photo
Ctrl+Enter  summary, signatures and completion

Everywhere:
Ctrl+N  new inspection    Ctrl+I  import subjects
F5  subjects    F6  inspections    Ctrl+F  search</source>
            <translation>在检查表中：
1 / 2 / 3  合格 / 不合格 / 不适用（1–9 选择选项）
J、↓ 或回车  下一项    K 或 ↑  上一项
N  下一个未答项    Ctrl+1…9  跳到第几节
G  显示或隐藏检查要点    Ctrl+P  添加照片
Ctrl+Enter  汇总、签名与完成

任何页面：
Ctrl+N  新建检查    Ctrl+I  导入被检查对象
F5  被检查对象    F6  检查记录    Ctrl+F  搜索</translation>
        </message>
            <message>
            <source>Blank paper record…</source>
            <translation>空白纸质检查笔录…</translation>
        </message>
        <message>
            <source>Add a checklist…</source>
            <translation>添加检查表…</translation>
        </message>
</context>
    <context>
        <name>NewInspectionDialog</name>
        <message>
            <location filename="../../inspector/ui/new_inspection.py" line="+32" />
            <source>New inspection</source>
            <translation>新建检查</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Find the subject by name or credit code</source>
            <translation>按名称或统一社会信用代码查找</translation>
        </message>
        <message>
            <location line="+15" />
            <source>On-site inspection</source>
            <translation>现场检查</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Self-check</source>
            <translation>企业自查</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Checklist</source>
            <translation>检查表</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Inspector 2</source>
            <translation>检查人员二</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Representative</source>
            <translation>被检查单位代表</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Place</source>
            <translation>检查地点</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start time</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Start</source>
            <translation>开始检查</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Subject</source>
            <translation>被检查对象</translation>
        </message>
        <message>
            <location line="+31" />
            <source>%1 (version %2, %3 items)</source>
            <translation>%1（版本 %2，共 %3 项）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>No checklist for this subject's sector.</source>
            <translation>该被检查对象所属行业没有检查表。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Inspector 1</source>
            <translation>检查人员一</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Checked by</source>
            <translation>自查人</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Choose the subject first.</source>
            <translation>请先选择被检查对象。</translation>
        </message>
        <message>
            <source>Inspecting authority</source>
            <translation>检查机关</translation>
        </message>
        <message>
            <source>Transcribed from a paper record of that time</source>
            <translation>根据该时间的纸质记录补录</translation>
        </message>
        <message>
            <source>proofs of service</source>
            <translation>送达回证</translation>
        </message>
    </context>
    <context>
        <name>Operations</name>
        <message>
            <location filename="../../inspector/ui/operations.py" line="+208" />
            <source>Not done</source>
            <translation>未完成</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <location filename="../../inspector/ui/passphrase.py" line="+24" />
            <source>Passphrase</source>
            <translation>口令</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1
Enter the passphrase of %2 to sign:</source>
            <translation>%1
请输入%2的口令以签名：</translation>
        </message>
        <message>
            <location line="+36" />
            <source>This store has no identity to sign with yet: create one on the Identity and keys page (F8).</source>
            <translation>本数据库还没有可用于签名的身份：请先在“身份与密钥”页（F8）创建。</translation>
        </message>
    </context>
    <context>
        <name>PhotoStrip</name>
        <message>
            <location filename="../../inspector/ui/forms/photostrip.py" line="+33" />
            <source>Add photo…  (Ctrl+P)</source>
            <translation>添加照片…  (Ctrl+P)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>or drop image files here</source>
            <translation>或将图片文件拖到此处</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>移除…</translation>
        </message>
        <message>
            <source>Remove this photo from the inspection</source>
            <translation>从本次检查中移除这张照片</translation>
        </message>
        <message>
            <source>Remove photo…</source>
            <translation>移除照片…</translation>
        </message>
    </context>
    <context>
        <name>PhotoWidget</name>
        <message>
            <location filename="../../inspector/ui/forms/widgets.py" line="+31" />
            <source>Attach at least one photo.</source>
            <translation>至少附一张照片。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Photo: %1 (Ctrl+P adds one, or drop files here)</source>
            <translation>拍照：%1（Ctrl+P 添加，或将文件拖到此处）</translation>
        </message>
    </context>
    <context>
        <name>SignatureDialog</name>
        <message>
            <location filename="../../inspector/ui/signature.py" line="+135" />
            <source>Signature: %1</source>
            <translation>签名：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Save signature</source>
            <translation>保存签名</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sign in the box with the mouse, a pen or a finger:</source>
            <translation>请用鼠标、手写笔或手指在框内签名：</translation>
        </message>
    </context>
    <context>
        <name>SignatureWidget</name>
        <message>
            <location filename="../../inspector/ui/forms/widgets.py" line="+24" />
            <source>Sign…  (1)</source>
            <translation>签名…  (1)</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Signed</source>
            <translation>已签名</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Not signed yet</source>
            <translation>尚未签名</translation>
        </message>
    </context>
    <context>
        <name>SubjectDialog</name>
        <message>
            <location filename="../../inspector/ui/subject_dialog.py" line="+23" />
            <source>Edit subject</source>
            <translation>编辑被检查对象</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add subject</source>
            <translation>新增被检查对象</translation>
        </message>
        <message>
            <location line="+5" />
            <source>18 characters, e.g. 91330105MA2AXXXX0X</source>
            <translation>18位，例如 91330105MA2AXXXX0X</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sector</source>
            <translation>行业</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Legal representative</source>
            <translation>法定代表人</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <location line="+27" />
            <source>✓ Check character correct</source>
            <translation>✓ 校验位正确</translation>
        </message>
    </context>
    <context>
        <name>SubjectsPage</name>
        <message>
            <location filename="../../inspector/ui/subjects_page.py" line="+32" />
            <source>Subjects</source>
            <translation>被检查对象</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Search name, credit code, address or legal representative  (Ctrl+F)</source>
            <translation>搜索名称、统一社会信用代码、地址或法定代表人  (Ctrl+F)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>All sectors</source>
            <translation>全部行业</translation>
        </message>
        <message>
            <location line="+29" />
            <source>New inspection…  (Enter)</source>
            <translation>新建检查…  (Enter)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add subject…  (Ctrl+Shift+A)</source>
            <translation>新增对象…  (Ctrl+Shift+A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit…  (F2)</source>
            <translation>编辑…  (F2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import register…  (Ctrl+I)</source>
            <translation>导入名录…  (Ctrl+I)</translation>
        </message>
        <message numerus="yes">
            <location line="+27" />
            <source>%n subject(s)</source>
            <translation>
                <numerusform>共 %n 个被检查对象</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ServiceDialog</name>
        <message>
            <source>Proof of service</source>
            <translation>送达回证</translation>
        </message>
        <message>
            <source>The recipient refuses to sign: a witness attests</source>
            <translation>受送达人拒绝签收：由见证人证明</translation>
        </message>
        <message>
            <source>Reason given for the refusal</source>
            <translation>拒收事由</translation>
        </message>
        <message>
            <source>e.g. a community or building representative</source>
            <translation>如基层组织或所在单位的代表</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>受送达人</translation>
        </message>
        <message>
            <source>Manner of service</source>
            <translation>送达方式</translation>
        </message>
        <message>
            <source>Date of service</source>
            <translation>送达日期</translation>
        </message>
        <message>
            <source>Place of service</source>
            <translation>送达地点</translation>
        </message>
        <message>
            <source>Recipient's signature</source>
            <translation>受送达人签名</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>拒收事由</translation>
        </message>
        <message>
            <source>Witness</source>
            <translation>见证人</translation>
        </message>
        <message>
            <source>Witness's signature</source>
            <translation>见证人签名</translation>
        </message>
        <message>
            <source>In person</source>
            <translation>直接送达</translation>
        </message>
        <message>
            <source>Left at the premises</source>
            <translation>留置送达</translation>
        </message>
        <message>
            <source>By post</source>
            <translation>邮寄送达</translation>
        </message>
        <message>
            <source>Electronically</source>
            <translation>电子送达</translation>
        </message>
        <message>
            <source>Through an agent</source>
            <translation>委托送达</translation>
        </message>
        <message>
            <source>Sign…</source>
            <translation>签名…</translation>
        </message>
        <message>
            <source>Not signed</source>
            <translation>未签名</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>已签名</translation>
        </message>
    </context>
    <context>
        <name>SummaryPage</name>
        <message>
            <source>Transfer letter…</source>
            <translation>案件移送函…</translation>
        </message>
        <message>
            <source>Findings for an authority not on this inspection: sent to it, not ordered here</source>
            <translation>属于未参加本次检查的机关管辖的问题：移送该机关处理，不在此责令整改</translation>
        </message>
        <message>
            <source>%1: not ordered here, for the transfer letter</source>
            <translation>%1：不在此责令整改，列入案件移送函</translation>
        </message>
        <message>
            <source>Superseded by the correction of %1 (%2).</source>
            <translation>已被更正：以 %1 的更正记录（%2）为准。</translation>
        </message>
        <message>
            <source>Corrects the record of %1 (%2). Reason: %3</source>
            <translation>本记录更正 %1 的记录（%2）。理由：%3</translation>
        </message>
        <message>
            <location filename="../../inspector/ui/summary.py" line="+44" />
            <source>◀ Back to the checklist  (Esc)</source>
            <translation>◀ 返回检查表  (Esc)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Complete and lock  (Ctrl+Enter)</source>
            <translation>完成并锁定  (Ctrl+Enter)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Signed report…  (Ctrl+R)</source>
            <translation>生成签名报告…  (Ctrl+R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rectification notice…  (Ctrl+Shift+R)</source>
            <translation>整改通知书…  (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <source>Correct…</source>
            <translation>更正…</translation>
        </message>
        <message>
            <source>A signed record is never changed: start a correction that supersedes it</source>
            <translation>已签名的记录不能更改：新建一份更正记录取代它</translation>
        </message>
        <message>
            <source>Not corrected</source>
            <translation>未能更正</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Summary: %1</source>
            <translation>检查汇总：%1</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <location line="+2" />
            <source>answered</source>
            <translation>已答</translation>
        </message>
        <message>
            <location line="+1" />
            <source>non-compliant</source>
            <translation>不合格</translation>
        </message>
        <message>
            <location line="+1" />
            <source>required unanswered</source>
            <translation>必填未答</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Non-compliant by severity: %1</source>
            <translation>按严重程度：%1</translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>Rectification items that will be created: %n</source>
            <translation>
                <numerusform>将生成整改项：%n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Rectification items created: %n</source>
            <translation>
                <numerusform>已生成整改项：%n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n 天</numerusform>
            </translation>
        </message>
        <message>
            <location line="+6" />
            <source>None: every answered item is compliant.</source>
            <translation>无：已答检查项均合格。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>deadline</source>
            <translation>整改期限</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Required items not answered yet (click to go there)</source>
            <translation>尚未作答的必填项（点击前往）</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Signatures</source>
            <translation>签名</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Signed %1</source>
            <translation>已签名 %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not signed</source>
            <translation>未签名</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Sign again…</source>
            <translation>重新签名…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Sign…</source>
            <translation>签名…</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Signature not saved</source>
            <translation>签名未保存</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Not completed</source>
            <translation>未能完成</translation>
        </message>
            <message>
            <source>Complete and lock this inspection?

No answer, photo or signature can be changed afterwards.</source>
            <translation>完成并锁定本次检查？

此后任何答案、照片和签名都不能再更改。</translation>
        </message>
        <message numerus="yes">
            <source>%n finding(s) become rectification items.</source>
            <translation>
                <numerusform>%n 个不合格项将生成整改项。</numerusform>
            </translation>
        </message>
        <message>
            <source>Complete and lock</source>
            <translation>完成并锁定</translation>
        </message>
    <message>
            <source>On-site record</source>
            <translation>现场检查笔录</translation>
        </message>
        <message>
            <source>Show your credentials and tell the party that it may ask for an officer&apos;s withdrawal; the record states that you did, and that it was read back to the party.</source>
            <translation>请出示执法证件，并告知当事人有权申请执法人员回避；笔录将载明已出示证件、已告知，并已向当事人宣读。</translation>
        </message>
        <message>
            <source>enforcement badge number</source>
            <translation>执法证号</translation>
        </message>
        <message>
            <source>Badge no. of %1</source>
            <translation>%1 的执法证号</translation>
        </message>
        <message>
            <source>Party&apos;s representative</source>
            <translation>当事人（现场负责人）</translation>
        </message>
        <message>
            <source>(not named)</source>
            <translation>（未指定）</translation>
        </message>
        <message>
            <source>Recorder</source>
            <translation>记录人</translation>
        </message>
        <message>
            <source>What the party says about the record</source>
            <translation>当事人对检查记录的意见</translation>
        </message>
        <message>
            <source>Party&apos;s statement</source>
            <translation>当事人意见</translation>
        </message>
        <message>
            <source>The party refuses to sign: a witness signs instead</source>
            <translation>当事人拒绝签名：由见证人签名</translation>
        </message>
        <message>
            <source>Save the record details</source>
            <translation>保存笔录事项</translation>
        </message>
        <message>
            <source>Record details not saved</source>
            <translation>笔录事项未保存</translation>
        </message>
        <message>
            <source>The party refused to sign; the report says so.</source>
            <translation>当事人拒绝签名；报告将载明。</translation>
        </message>
        <message>
            <source>Completing needs the party&apos;s signature, or its refusal and a witness&apos;s signature.</source>
            <translation>完成检查需当事人签名；当事人拒绝签名的，需记明拒签并由见证人签名。</translation>
        </message>
        <message>
            <source>Proof of service…</source>
            <translation>送达回证…</translation>
        </message>
        <message>
            <source>Transcribed from a paper record</source>
            <translation>根据纸质记录补录</translation>
        </message>
        <message>
            <source>Paper record of %1, transcribed by %2.</source>
            <translation>纸质记录日期 %1，补录人 %2。</translation>
        </message>
        <message>
            <source>Form number: %1</source>
            <translation>编号：%1</translation>
        </message>
        <message numerus="yes">
            <source>Photos of the signed sheet: %n</source>
            <translation>
                <numerusform>纸质记录签字页照片：%n 张</numerusform>
            </translation>
        </message>
        <message>
            <source>Completing needs a photo of the paper record signed by the party.</source>
            <translation>完成前须附当事人签字的纸质记录照片。</translation>
        </message>
        <message>
            <source>Add a photo of the signed sheet…</source>
            <translation>添加签字页照片…</translation>
        </message>
        <message>
            <source>Photos of the signed sheet</source>
            <translation>纸质记录签字页照片</translation>
        </message>
        <message>
            <source>Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</translation>
        </message>
        <message>
            <source>Photo not added</source>
            <translation>照片未添加</translation>
        </message>
        <message>
            <source>(not recorded)</source>
            <translation>（未记录）</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>Withdrawal asked</source>
            <translation>申请回避</translation>
        </message>
        <message>
            <source>Which officer, and why</source>
            <translation>申请哪位执法人员回避及理由</translation>
        </message>
        <message>
            <source>Withdrawal request</source>
            <translation>回避申请内容</translation>
        </message>
    </context>
    <context>
        <name>SyncModels</name>
        <message>
            <location filename="../../inspector/ui/sync_models.py" line="-122" />
            <source>%1 added · %2 updated · %3 unchanged · %4 conflicts</source>
            <translation>新增 %1 · 更新 %2 · 未变 %3 · 冲突 %4</translation>
        </message>
        <message>
            <location line="+97" />
            <source>Not imported: %1</source>
            <translation>未导入：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Imported: %1</source>
            <translation>已导入：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Already imported on %1</source>
            <translation>已于 %1 导入过</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Verified, ready to import</source>
            <translation>已校验，可以导入</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <location filename="../../inspector/ui/sync_page.py" line="+60" />
            <source>Data exchange</source>
            <translation>数据交换</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+69" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location line="-68" />
            <source>Import history</source>
            <translation>导入记录</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Pack this store's records into one signed bundle (.zip) and hand it over by USB stick, e-mail or a shared folder. The receiver must trust your certificate first (Identity and keys, F8).</source>
            <translation>把本机的记录打包成一个签名的数据包（.zip），通过U盘、电子邮件或共享文件夹交给对方。对方须先信任您的证书（身份与密钥，F8）。</translation>
        </message>
        <message>
            <source>Everything (a supervisor or colleague)</source>
            <translation>全部记录（发给监管人员或同事）</translation>
        </message>
        <message>
            <source>Only the records of %1</source>
            <translation>只含“%1”的记录（发给该企业）</translation>
        </message>
        <message>
            <source>For</source>
            <translation>接收方</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Only records changed since</source>
            <translation>只导出此日期以后变更的记录</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Export bundle…  (Ctrl+E)</source>
            <translation>导出数据包…  (Ctrl+E)</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Choose the bundles you received. Each is verified completely and shown here before anything is imported; files that fail a check are not imported.</source>
            <translation>选择收到的数据包。每个数据包先完整校验并在此预览，确认后才导入；未通过校验的文件不会导入。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose files…  (Ctrl+Shift+I)</source>
            <translation>选择文件…  (Ctrl+Shift+I)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose folder…</source>
            <translation>选择文件夹…</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Export bundle</source>
            <translation>导出数据包</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+47" />
            <source>Bundles (*.zip)</source>
            <translation>数据包 (*.zip)</translation>
        </message>
        <message>
            <location line="-40" />
            <source>Sign the data bundle.</source>
            <translation>签署数据包。</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Bundle saved: %1
%2 record(s), %3 attachment(s): %4</source>
            <translation>数据包已保存：%1
共 %2 条记录、%3 个附件：%4</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Choose bundles</source>
            <translation>选择数据包</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Choose a folder of bundles</source>
            <translation>选择存放数据包的文件夹</translation>
        </message>
        <message>
            <location line="+5" />
            <source>No .zip files in %1.</source>
            <translation>%1 中没有 .zip 文件。</translation>
        </message>
        <message numerus="yes">
            <location line="+12" />
            <source>Checking %n bundle(s)…</source>
            <translation>
                <numerusform>正在校验 %n 个数据包…</numerusform>
            </translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1 bundle(s) verified and ready to import, %2 refused.</source>
            <translation>%1 个数据包已校验、可以导入，%2 个被拒绝。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Checking cancelled.</source>
            <translation>校验已取消。</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1 from %2 (%3): %4 record(s), %5 new here.</source>
            <translation>%1 来自%2（%3）：共 %4 条记录，本机新增 %5 条。</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Imported %1 bundle(s): %2.</source>
            <translation>已导入 %1 个数据包：%2。</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n bundle(s) failed and changed nothing.</source>
            <translation>
                <numerusform>%n 个数据包导入失败，未做任何改动。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Import cancelled after %n bundle(s).</source>
            <translation>
                <numerusform>导入已取消（已完成 %n 个数据包）。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TextWidget</name>
        <message>
            <location filename="../../inspector/ui/forms/widgets.py" line="-88" />
            <source>Type the answer; Enter goes to the next item</source>
            <translation>输入答案；回车进入下一项</translation>
        </message>
    </context>
    <context>
        <name>YesNoWidget</name>
        <message>
            <location line="-83" />
            <source>Compliant</source>
            <translation>合格</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Non-compliant</source>
            <translation>不合格</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not applicable</source>
            <translation>不适用</translation>
        </message>
    </context>
    <context>
        <name>LedgerPage</name>
        <message>
            <location filename="../../inspector/ui/ledger_page.py" line="+47" />
            <source>Rectification ledger</source>
            <translation>整改台账</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Subject name or credit code</source>
            <translation>被检查单位名称或统一社会信用代码</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Inspector</source>
            <translation>检查人员</translation>
        </message>
        <message>
            <location line="+5" />
            <source>All sectors</source>
            <translation>全部行业</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Any status</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Overdue only</source>
            <translation>仅看逾期</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Found from</source>
            <translation>发现日期</translation>
        </message>
        <message>
            <location line="+15" />
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Open item  (Enter)</source>
            <translation>查看整改项  (Enter)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message numerus="yes">
            <location line="+30" />
            <source>%n item(s)</source>
            <translation>
                <numerusform>共 %n 项</numerusform>
            </translation>
        </message>
        <message>
            <location line="+39" />
            <source>Rectification ledger %1</source>
            <translation>整改台账 %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>CSV, UTF-8 (*.csv)</source>
            <translation>CSV，UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export the ledger</source>
            <translation>导出整改台账</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 row(s) written to %2</source>
            <translation>已导出 %1 行：%2</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <source>Awaiting the company</source>
            <translation>等待企业整改</translation>
        </message>
</context>
    <context>
        <name>Overview</name>
        <message>
            <location filename="../../inspector/ui/overview_page.py" line="+29" />
            <source>Sector</source>
            <translation>行业</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Subjects inspected</source>
            <translation>检查单位数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Self-checks received</source>
            <translation>收到自查报告</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+5" />
            <source>Problems found</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <location line="-3" />
            <location line="+4" />
            <source>Rectified</source>
            <translation>已整改销号</translation>
        </message>
        <message>
            <location line="-3" />
            <location line="+4" />
            <source>Overdue</source>
            <translation>逾期未改</translation>
        </message>
        <message>
            <location line="-3" />
            <source>Rectification rate</source>
            <translation>整改率</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Nothing found yet.</source>
            <translation>尚无检查结果。</translation>
        </message>
        <message>
            <source>Subjects checked (visits)</source>
            <translation>检查主体（户次）</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <location line="+44" />
            <source>Overview by sector</source>
            <translation>分行业统计</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location line="+15" />
            <location line="+43" />
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <location line="-13" />
            <source>Overview %1</source>
            <translation>分行业统计 %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>CSV, UTF-8 (*.csv)</source>
            <translation>CSV，UTF-8 (*.csv)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export the overview</source>
            <translation>导出分行业统计</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Written to %1</source>
            <translation>已导出：%1</translation>
        </message>
        <message>
            <source>The period whose records count: a record by the Beijing day it started, an item by the day found</source>
            <translation>统计期间：检查记录按开始日（北京时间）计，问题按发现日计</translation>
        </message>
        <message>
            <source>Area (part of the address)</source>
            <translation>地区（地址中包含的文字）</translation>
        </message>
        <message>
            <source>All periods</source>
            <translation>全部期间</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>统计期间</translation>
        </message>
        <message>
            <source>Report…</source>
            <translation>统计报表…</translation>
        </message>
        <message>
            <source>The statistics report of the period and area as XLSX or PDF</source>
            <translation>导出所选期间和地区的统计报表（XLSX 或 PDF）</translation>
        </message>
        <message>
            <source>Statistics %1</source>
            <translation>统计报表 %1</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Export the statistics report</source>
            <translation>导出统计报表</translation>
        </message>
    </context>
    <context>
        <name>RectificationDialog</name>
        <message>
            <location filename="../../inspector/ui/rectification_dialog.py" line="+51" />
            <source>Rectification item</source>
            <translation>整改项</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location line="+20" />
            <source>%1 (first %2)</source>
            <translation>%1（原定 %2）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Subject</source>
            <translation>被检查单位</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sector</source>
            <translation>行业</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problem</source>
            <translation>问题描述</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Legal basis</source>
            <translation>依据</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Requirement</source>
            <translation>整改要求</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Found on</source>
            <translation>发现日期</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deadline</source>
            <translation>整改时限</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Status</source>
            <translation>整改状态</translation>
        </message>
        <message>
            <location line="+3" />
            <source>History</source>
            <translation>整改过程</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Deadline: %1</source>
            <translation>整改时限：%1</translation>
        </message>
        <message>
            <location line="+8" />
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Open PDF %1</source>
            <translation>打开PDF %1</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Company: answer the item</source>
            <translation>企业：提交整改情况</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The measure taken</source>
            <translation>采取的整改措施</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add evidence files…</source>
            <translation>添加佐证材料…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Submit rectification</source>
            <translation>提交整改情况</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Re-inspection</source>
            <translation>复查</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Note (required to reject)</source>
            <translation>复查意见（不予销号时必填）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Passed: close the item</source>
            <translation>复查合格，销号</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not passed</source>
            <translation>不予销号</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Note</source>
            <translation>复查意见</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New deadline</source>
            <translation>新整改时限</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Evidence files</source>
            <translation>佐证材料</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Photos and PDFs (*.jpg *.jpeg *.png *.webp *.pdf)</source>
            <translation>照片和PDF (*.jpg *.jpeg *.png *.webp *.pdf)</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Write why the item is not closed.</source>
            <translation>请填写不予销号的理由。</translation>
        </message>
    </context>
    <context>
        <name>Supervision</name>
        <message>
            <location filename="../../inspector/ui/supervision.py" line="+30" />
            <source>Rectification ledger</source>
            <translation>整改台账</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Overview by sector</source>
            <translation>分行业统计</translation>
        </message>
    </context>
<context>
    <name>SkippedChecklists</name>
        <message numerus="yes">
            <source>%n checklist file(s) not loaded</source>
            <translation>
                <numerusform>%n 个检查表文件未载入（悬停查看原因）</numerusform>
            </translation>
        </message>
</context>
<context>
    <name>ChecklistFiles</name>
        <message>
            <source>Add a checklist</source>
            <translation>添加检查表</translation>
        </message>
        <message>
            <source>Checklists (*.yaml *.yml *.xlsx);;All files (*)</source>
            <translation>检查表 (*.yaml *.yml *.xlsx);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Checklist not added</source>
            <translation>检查表未添加</translation>
        </message>
        <message>
            <source>Checklist added</source>
            <translation>已添加检查表</translation>
        </message>
        <message>
            <source>%1 (version %2) is added and can be chosen for new inspections.

Kept in %3</source>
            <translation>“%1”（版本 %2）已添加，新建检查时即可选用。

保存在 %3</translation>
        </message>
</context>
<context>
    <name>ImportPreview</name>
        <message>
            <source>Add a checklist from a check sheet</source>
            <translation>从Excel检查表添加检查表</translation>
        </message>
        <message numerus="yes">
            <source>%n problem(s) in the sheet: nothing is added. Correct them in Excel and add the sheet again.</source>
            <translation>
                <numerusform>检查表中有 %n 处问题，未添加。请在Excel中改正后重新添加。</numerusform>
            </translation>
        </message>
        <message>
            <source>This checklist will be added:</source>
            <translation>将添加以下检查表：</translation>
        </message>
        <message>
            <source>Add checklist</source>
            <translation>添加检查表</translation>
        </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <source>Getting started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Make this store's identity: it signs your reports and data bundles.</source>
        <translation>创建本机身份：用于签署检查报告和数据包。</translation>
    </message>
    <message>
        <source>Identity and keys…</source>
        <translation>身份与密钥…</translation>
    </message>
    <message>
        <source>Bring in the subjects to inspect: a register (Excel or CSV), or one by one.</source>
        <translation>导入被检查对象：导入名录（Excel 或 CSV），或逐个添加。</translation>
    </message>
    <message>
        <source>Import register…</source>
        <translation>导入名录…</translation>
    </message>
    <message>
        <source>Add subject…</source>
        <translation>新增对象…</translation>
    </message>
    <message>
        <source>Start the first inspection: pick a subject, then the checklist.</source>
        <translation>开始第一次检查：选择被检查对象，再选择检查表。</translation>
    </message>
    <message>
        <source>New inspection…</source>
        <translation>新建检查…</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Subjects</source>
        <translation>被检查对象</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <source>Rectification ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <source>Overview by sector</source>
        <translation>行业总览</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>Identity and keys</source>
        <translation>身份与密钥</translation>
    </message>
    <message numerus="yes">
        <source>%n subject(s)</source>
        <translation>
            <numerusform>%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>草稿 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n awaiting</source>
        <translation>
            <numerusform>待整改 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>逾期 %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>信用</translation>
    </message>
    <message numerus="yes">
        <source>%n to do</source>
        <translation>
            <numerusform>待完成 %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Campaigns</name>
    <message>
        <source>No problem found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Required information not published</source>
        <translation>未按规定公示应当公示的信息</translation>
    </message>
    <message>
        <source>Published information false</source>
        <translation>公示信息隐瞒真实情况、弄虚作假</translation>
    </message>
    <message>
        <source>Not reachable at the registered address</source>
        <translation>通过登记的住所或经营场所无法联系</translation>
    </message>
    <message>
        <source>Problems found, ordered to correct</source>
        <translation>发现问题已责令改正</translation>
    </message>
    <message>
        <source>Problems found, follow-up pending</source>
        <translation>发现问题待后续处理</translation>
    </message>
    <message>
        <source>No business activity of this check</source>
        <translation>未发现开展本次抽查涉及的经营活动</translation>
    </message>
    <message>
        <source>Seriously refused to cooperate</source>
        <translation>不配合检查情节严重</translation>
    </message>
    <message>
        <source>Listed as abnormal (经营异常)</source>
        <translation>列入经营异常名录</translation>
    </message>
    <message>
        <source>Complaints received</source>
        <translation>有投诉举报</translation>
    </message>
    <message>
        <source>Serious earlier findings</source>
        <translation>曾发现严重问题</translation>
    </message>
    <message>
        <source>The record's signature holds</source>
        <translation>抽取记录的签名有效</translation>
    </message>
    <message>
        <source>The seed matches the hash committed before</source>
        <translation>种子与事先公布的哈希一致</translation>
    </message>
    <message>
        <source>Subjects register as pinned</source>
        <translation>检查对象名录与固定的哈希一致</translation>
    </message>
    <message>
        <source>Officers register as pinned</source>
        <translation>执法人员名录与固定的哈希一致</translation>
    </message>
    <message>
        <source>One seed committed to, once</source>
        <translation>种子只固定过一次</translation>
    </message>
    <message>
        <source>The draw run again gives the same result</source>
        <translation>重新抽取结果与记录一致</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待检查</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>专项行动</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Tasks</source>
        <translation>检查任务</translation>
    </message>
    <message>
        <source>Only my tasks</source>
        <translation>只看本人任务</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>被检查对象</translation>
    </message>
    <message>
        <source>Check matter</source>
        <translation>抽查事项</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Start inspection from task</source>
        <translation>从任务开始检查</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>打开检查记录</translation>
    </message>
    <message>
        <source>Record result</source>
        <translation>记录结果</translation>
    </message>
    <message>
        <source>Self-check by the company</source>
        <translation>企业自查</translation>
    </message>
    <message>
        <source>%1 to do, %2 overdue</source>
        <translation>待完成 %1 项，逾期 %2 项</translation>
    </message>
    <message>
        <source>No tasks. Tasks come in data bundles from the bureau that drew them.</source>
        <translation>暂无任务。任务由抽取的监管机关通过数据包发来。</translation>
    </message>
</context>
<context>
    <name>CampaignPage</name>
    <message>
        <source>Campaigns</source>
        <translation>专项行动</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建专项行动…</translation>
    </message>
    <message>
        <source>Add matter…</source>
        <translation>添加抽查事项…</translation>
    </message>
    <message>
        <source>Import officers…</source>
        <translation>导入执法人员…</translation>
    </message>
    <message>
        <source>Check matter</source>
        <translation>抽查事项</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Draw…</source>
        <translation>抽取…</translation>
    </message>
    <message>
        <source>Verify draw</source>
        <translation>验证抽取</translation>
    </message>
    <message>
        <source>Make tasks</source>
        <translation>生成任务</translation>
    </message>
    <message>
        <source>Publish results…</source>
        <translation>导出公示表…</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>已检查</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Coverage and results</source>
        <translation>完成情况与结果</translation>
    </message>
    <message>
        <source>No campaign yet: plan one with “New campaign…”.</source>
        <translation>尚无专项行动：请用“新建专项行动…”部署。</translation>
    </message>
    <message>
        <source>Not drawn yet. The draw fixes its seed first (its hash is recorded), then draws and signs the record.</source>
        <translation>尚未抽取。抽取时先固定种子（记录其哈希），再抽取并签名。</translation>
    </message>
    <message>
        <source>Drawn by %1: %2 subjects. Seed %3 (hash %4…); registers pinned: subjects %5…, officers %6…</source>
        <translation>由%1抽取：%2 户。种子 %3（哈希 %4…）；固定名录：检查对象 %5…，执法人员 %6…</translation>
    </message>
    <message>
        <source>Import officers</source>
        <translation>导入执法人员</translation>
    </message>
    <message>
        <source>Registers (*.xlsx *.csv)</source>
        <translation>名录 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>%1 officer(s) imported.</source>
        <translation>已导入 %1 名执法人员。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Sign the draw of this campaign.</source>
        <translation>为本专项行动的抽取签名。</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>%1 subjects drawn, two officers each. Publish the seed's hash with the plan; anyone can re-run the draw from its record.</source>
        <translation>已抽取 %1 户，每户两名执法人员。请随计划公布种子的哈希；任何人都可依抽取记录重新抽取核对。</translation>
    </message>
    <message>
        <source>The registers here have changed since the draw; the draw used the pinned ones.</source>
        <translation>本库名录在抽取后已有变化；抽取使用的是固定的名录。</translation>
    </message>
    <message>
        <source>The draw reproduces.</source>
        <translation>抽取可复现，验证通过。</translation>
    </message>
    <message>
        <source>The draw does NOT verify.</source>
        <translation>抽取验证未通过。</translation>
    </message>
    <message>
        <source>%1 task(s) made. Export a data bundle (Ctrl+E) to send them to the inspectors.</source>
        <translation>已生成 %1 项任务。导出数据包（Ctrl+E）发给检查人员。</translation>
    </message>
    <message>
        <source>Publish results</source>
        <translation>导出公示表</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格 (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建专项行动</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>部署机关</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Always drawn</source>
        <translation>必抽</translation>
    </message>
    <message>
        <source>Weight %1</source>
        <translation>权重 %1</translation>
    </message>
</context>
<context>
    <name>MatterDialog</name>
    <message>
        <source>Add check matter</source>
        <translation>添加抽查事项</translation>
    </message>
    <message>
        <source>Ask the company for a self-check first</source>
        <translation>先请企业自查</translation>
    </message>
    <message>
        <source>Check matter</source>
        <translation>抽查事项</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Sampling ratio</source>
        <translation>抽查比例</translation>
    </message>
    <message>
        <source>Days to finish</source>
        <translation>完成期限（天）</translation>
    </message>
</context>
    <context>
        <name>ContactDialog</name>
        <message>
            <source>Contact on notices</source>
            <translation>通知书上的联系方式</translation>
        </message>
        <message>
            <source>e.g. 0571-88881234</source>
            <translation>如 0571-88881234</translation>
        </message>
        <message>
            <source>Printed on every rectification notice this store issues, with the inspecting officers' names: whom the party asks and where it sends its evidence. Left empty, the notice has a line to fill in.</source>
            <translation>印在本机出具的每份整改通知书上，与检查人员姓名一起，告知当事人向谁咨询、向何处报送整改材料。不填写时，通知书上留空待手写。</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
    </context>
<context>
    <name>CreditPage</name>
    <message>
        <source>Listing waits until the party has stated its case or its deadline has passed</source>
        <translation>须待当事人陈述、申辩或陈述申辩期限届满后方可决定列入</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>信用</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>全部主体</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>列入事由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Statement by</source>
        <translation>陈述申辩期限</translation>
    </message>
    <message>
        <source>Propose from rules</source>
        <translation>按规则生成列入建议</translation>
    </message>
    <message>
        <source>Notify…</source>
        <translation>告知…</translation>
    </message>
    <message>
        <source>List…</source>
        <translation>决定列入…</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>不予列入…</translation>
    </message>
    <message>
        <source>Publish lists…</source>
        <translation>导出公示名单…</translation>
    </message>
    <message>
        <source>Listing proposals</source>
        <translation>列入建议</translation>
    </message>
    <message>
        <source>%1 proposal(s) waiting for a step</source>
        <translation>%1 条列入建议待办理</translation>
    </message>
    <message>
        <source>No proposals. Propose from rules reads the facts: heavier penalties, companies not reachable, critical items overdue after a rejected review.</source>
        <translation>暂无列入建议。“按规则生成列入建议”依据事实生成：从重处罚、通过登记住所无法联系、严重问题复查不合格后逾期未整改。</translation>
    </message>
    <message>
        <source>%1 proposal(s) made</source>
        <translation>已生成列入建议 %1 条</translation>
    </message>
    <message>
        <source>Save the notice</source>
        <translation>保存拟列入告知书</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Reasons (the party's statement considered):</source>
        <translation>理由（已考虑当事人的陈述申辩）：</translation>
    </message>
    <message>
        <source>Publish lists</source>
        <translation>导出公示名单</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>State its case…</source>
        <translation>陈述申辩…</translation>
    </message>
    <message>
        <source>Apply for credit repair…</source>
        <translation>申请信用修复…</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Grant repair…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Refuse repair…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Repair applications</source>
        <translation>信用修复申请</translation>
    </message>
    <message>
        <source>State its case</source>
        <translation>陈述申辩</translation>
    </message>
    <message>
        <source>The company's statement (陈述申辩) on the intended listing:</source>
        <translation>对拟列入的陈述申辩意见：</translation>
    </message>
    <message>
        <source>Statement recorded</source>
        <translation>已记录陈述申辩</translation>
    </message>
    <message>
        <source>Repair applied for</source>
        <translation>已申请信用修复</translation>
    </message>
    <message>
        <source>Repair decision</source>
        <translation>信用修复决定</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Apply for credit repair</source>
        <translation>申请信用修复</translation>
    </message>
    <message>
        <source>Application (申请书)</source>
        <translation>信用修复申请书</translation>
    </message>
    <message>
        <source>Promise to keep faith (守信承诺书)</source>
        <translation>守信承诺书</translation>
    </message>
    <message>
        <source>%1 closed rectification item(s) go with it as the proof</source>
        <translation>随附已完成整改项目 %1 项作为证明材料</translation>
    </message>
</context>
    <context>
        <name>TransferDialog</name>
        <message>
            <source>Transfer letter</source>
            <translation>案件移送函</translation>
        </message>
        <message>
            <source>These findings are for an authority that did not take part in the inspection: they are on no notice of yours and go to it with a transfer letter, signed and numbered in the lead bureau's name. Name the receiving bureau, or leave it empty to fill in by hand.</source>
            <translation>这些问题属于未参加本次检查的机关管辖：不列入本机关的整改通知书，以主办机关名义出具经签名、编号的案件移送函移送该机关。请填写接收机关全称，或留空待手写。</translation>
        </message>
        <message>
            <source>e.g. %1</source>
            <translation>如 %1</translation>
        </message>
    </context>
</TS>