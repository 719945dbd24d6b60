import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_verified_phone_and_email'),
    ]

    operations = [
        migrations.CreateModel(
            name='PhoneCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('target', models.CharField(max_length=20, verbose_name='số được yêu cầu')),
                ('purpose', models.CharField(choices=[('sign_up', 'Đăng ký tài khoản'), ('reset', 'Đặt lại mật khẩu'), ('claim', 'Kích hoạt tài khoản'), ('verify', 'Xác minh số điện thoại'), ('consent', 'Đồng ý cho người hỗ trợ nộp hộ')], max_length=10, verbose_name='mục đích')),
                ('code_hash', models.CharField(blank=True, editable=False, max_length=100)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tạo lúc')),
                ('expires_at', models.DateTimeField(verbose_name='hết hạn lúc')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='số lần nhập')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='dùng lúc')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='đóng lúc')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL, verbose_name='người nhận')),
            ],
            options={
                'verbose_name': 'mã xác minh',
                'verbose_name_plural': 'mã xác minh',
                'indexes': [models.Index(fields=['target', 'created_at'], name='phone_code_target')],
            },
        ),
    ]
